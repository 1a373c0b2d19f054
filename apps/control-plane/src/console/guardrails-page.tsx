// Guardrails: list with attachments, create, attach, detach, delete — through /api/admin/guardrails.
import type { Hono } from 'hono'
import { changeAdmin, field, readAdmin } from './admin-pages.js'
import type { ConsoleDeps, ConsoleEnv } from './console-env.js'
import { type AttachTarget, GuardrailsView, type GuardrailWithAttachments } from './guardrails-view.js'
import type { VirtualKey } from './keys-view.js'
import { readTenancy } from './projects-page.js'

const guardrailPath = (id: string) => `/guardrails/${encodeURIComponent(id)}`
const back = '/console/guardrails'

function readTarget(value: string): Record<string, string> {
  const [scope = '', ...rest] = value.split(':')
  return { [scope === 'project' ? 'project_id' : 'virtual_key_id']: rest.join(':') }
}

/**
 * Adds `/guardrails` (list, create) and `/guardrails/:id/{attach,detach,delete}`.
 *
 * @example
 * addGuardrailsPage(guarded, deps)
 */
export function addGuardrailsPage(routes: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  routes.get('/guardrails', async (c) => {
    const [tenancy, keys, list] = await Promise.all([
      readTenancy(deps, c),
      readAdmin<{ data: VirtualKey[] }>(deps, c, '/virtual-keys'),
      readAdmin<{ data: Omit<GuardrailWithAttachments, 'attachments'>[] }>(deps, c, '/guardrails'),
    ])
    const guardrails = await Promise.all(
      list.data.map(async (guardrail) => ({
        ...guardrail,
        attachments: (
          await readAdmin<{ data: GuardrailWithAttachments['attachments'] }>(
            deps,
            c,
            `${guardrailPath(guardrail.id)}/attachments`,
          )
        ).data,
      })),
    )
    const targets: AttachTarget[] = [
      ...tenancy.projects.map((project) => ({
        value: `project:${project.id}`,
        label: `project ${project.name}`,
      })),
      ...keys.data
        .filter((key) => key.status !== 'revoked')
        .map((key) => ({ value: `virtual_key:${key.id}`, label: `key ${key.name}` })),
    ]
    return c.html(
      <GuardrailsView
        session={c.get('session')}
        organizations={tenancy.organizations}
        guardrails={guardrails}
        targets={targets}
      />,
    )
  })
  routes.post('/guardrails', async (c) => {
    const form = await c.req.parseBody({ all: true })
    let settings: unknown
    try {
      settings = JSON.parse(field(form, 'settings') || '{}')
    } catch (error) {
      c.get('session').flash = { kind: 'error', text: `Settings must be JSON: ${(error as Error).message}` }
      return c.redirect(back, 303)
    }
    const directions = ([] as unknown[]).concat(form.directions ?? []).filter((d) => typeof d === 'string')
    const body = {
      organization_id: field(form, 'organization_id'),
      name: field(form, 'name'),
      evaluator: field(form, 'evaluator'),
      directions,
      failure_mode: field(form, 'failure_mode'),
      settings,
    }
    return changeAdmin(deps, c, 'POST', '/guardrails', body, `Guardrail ${body.name} created.`, back)
  })
  routes.post('/guardrails/:id/attach', async (c) => {
    const body = readTarget(field(await c.req.parseBody(), 'target'))
    return changeAdmin(
      deps,
      c,
      'POST',
      `${guardrailPath(c.req.param('id'))}/attachments`,
      body,
      'Attached.',
      back,
    )
  })
  routes.post('/guardrails/:id/detach', async (c) => {
    const query = new URLSearchParams(readTarget(field(await c.req.parseBody(), 'target')))
    const path = `${guardrailPath(c.req.param('id'))}/attachments?${query}`
    return changeAdmin(deps, c, 'DELETE', path, undefined, 'Detached.', back)
  })
  routes.post('/guardrails/:id/delete', async (c) =>
    changeAdmin(deps, c, 'DELETE', guardrailPath(c.req.param('id')), undefined, 'Guardrail deleted.', back),
  )
}
