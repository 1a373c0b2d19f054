// Virtual keys: list, mint (key shown once), rotate with a grace period, disable, enable, revoke (confirmed).
import type { Hono } from 'hono'
import { changeAdmin, describeApiError, field, readAdmin } from './admin-pages.js'
import type { ConsoleDeps, ConsoleEnv } from './console-env.js'
import { IssuedKeyView } from './issued-key-view.js'
import { KeysView, RevokeView, type VirtualKey } from './keys-view.js'
import { readTenancy } from './projects-page.js'

const keyPath = (id: string) => `/virtual-keys/${encodeURIComponent(id)}`

/**
 * Adds `/keys` (list, mint), `/keys/:id/{rotate,disable,enable,revoke}` and the revoke confirmation.
 *
 * @example
 * addKeysPage(guarded, deps)
 */
export function addKeysPage(routes: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  routes.get('/keys', async (c) => {
    const [{ projects }, keys] = await Promise.all([
      readTenancy(deps, c),
      readAdmin<{ data: VirtualKey[] }>(deps, c, '/virtual-keys'),
    ])
    return c.html(<KeysView session={c.get('session')} projects={projects} keys={keys.data} />)
  })
  routes.post('/keys', async (c) => {
    const form = await c.req.parseBody()
    const body = {
      project_id: field(form, 'project_id'),
      name: field(form, 'name'),
      environment: field(form, 'environment') === 'test' ? 'test' : 'live',
    }
    const answer = await deps.callAdmin<{ key: string; virtual_key: VirtualKey }>(
      c.env,
      'POST',
      '/virtual-keys',
      body,
    )
    if (!answer.ok) {
      c.get('session').flash = { kind: 'error', text: describeApiError(answer.error) }
      return c.redirect('/console/keys', 303)
    }
    return c.html(
      <IssuedKeyView
        session={c.get('session')}
        title="Key created"
        keyName={answer.data.virtual_key.name}
        secret={answer.data.key}
        gatewayUrl={deps.gatewayUrl}
      />,
      201,
    )
  })
  routes.post('/keys/:id/rotate', async (c) => {
    const form = await c.req.parseBody()
    const graceSeconds = Number(field(form, 'grace_seconds') || '0')
    const answer = await deps.callAdmin<{ key: string; virtual_key: VirtualKey }>(
      c.env,
      'POST',
      `${keyPath(c.req.param('id'))}/rotate`,
      { grace_seconds: graceSeconds },
    )
    if (!answer.ok) {
      c.get('session').flash = { kind: 'error', text: describeApiError(answer.error) }
      return c.redirect('/console/keys', 303)
    }
    const until = answer.data.virtual_key.previous_secret_valid_until
    return c.html(
      <IssuedKeyView
        session={c.get('session')}
        title="Key rotated"
        keyName={answer.data.virtual_key.name}
        secret={answer.data.key}
        gatewayUrl={deps.gatewayUrl}
        note={until ? `The old secret keeps working until ${until}.` : 'The old secret stopped working now.'}
      />,
    )
  })
  for (const action of ['disable', 'enable'] as const) {
    routes.post(`/keys/:id/${action}`, async (c) =>
      changeAdmin(
        deps,
        c,
        'POST',
        `${keyPath(c.req.param('id'))}/${action}`,
        undefined,
        `Key ${action}d.`,
        '/console/keys',
      ),
    )
  }
  routes.get('/keys/:id/revoke', async (c) => {
    const key = await readAdmin<VirtualKey>(deps, c, keyPath(c.req.param('id')))
    return c.html(<RevokeView session={c.get('session')} virtualKey={key} />)
  })
  routes.post('/keys/:id/revoke', async (c) =>
    changeAdmin(
      deps,
      c,
      'POST',
      `${keyPath(c.req.param('id'))}/revoke`,
      undefined,
      'Key revoked.',
      '/console/keys',
    ),
  )
}
