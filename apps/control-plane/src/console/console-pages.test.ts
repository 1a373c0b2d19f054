import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConsoleSession, signInToConsole } from '../test-utils/console-session.js'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'

let h: Harness
let session: ConsoleSession
beforeAll(async () => {
  h = await startHarness({
    env: { LOG_LEVEL: 'error', CONTROL_PLANE_CONSOLE_GATEWAY_URL: 'https://gw.example/' },
  })
  session = await signInToConsole(h.cp.url)
})
afterAll(() => h.cp.close())

const page = (path: string): Promise<string> => session.page(path)
const post = (path: string, fields: Record<string, string>): Promise<Response> => session.post(path, fields)

describe('console pages over the admin API', () => {
  it('shows an admin API refusal on the next page, worded as the API worded it', async () => {
    const api = await h.admin('POST', '/organizations', { name: 'x', slug: 'Bad Slug' })
    const message = (api.body as { error: { message: string } }).error.message
    const answer = await post('/console/organizations', { name: 'x', slug: 'Bad Slug' })
    expect(answer.status).toBe(303)
    const next = await page('/console/projects')
    expect(next).toContain('role="alert"')
    expect(next).toContain(message.replaceAll('"', '&quot;'))
  })

  it('shows a minted key once, with the base-URL lines of the configured gateway, and never again', async () => {
    const tenant = await seedTenant(h)
    const minted = await post('/console/keys', { project_id: tenant.projectId, name: 'once' })
    expect(minted.status).toBe(201)
    expect(minted.headers.get('cache-control')).toBe('no-store')
    const html = await minted.text()
    const key = /id="issued-key"[^>]*>([^<]+)</.exec(html)?.[1]?.trim() ?? ''
    expect(key).toMatch(/^lw_vk_live_/)
    expect(html).toContain('OPENAI_BASE_URL=https://gw.example/v1')
    expect(html).toContain('ANTHROPIC_BASE_URL=https://gw.example\n')
    expect(await page('/console/keys')).not.toContain(key)
    const list = (await h.admin('GET', `/virtual-keys?project_id=${tenant.projectId}`)).body as {
      data: { name: string }[]
    }
    expect(list.data.map((each) => each.name)).toContain('once')
  })

  it('rotates a key with a grace period, and disables and enables it, through the admin API', async () => {
    const tenant = await seedTenant(h)
    const rotated = await post(`/console/keys/${tenant.keyId}/rotate`, { grace_seconds: '600' })
    expect(rotated.status).toBe(200)
    const html = await rotated.text()
    const key = /id="issued-key"[^>]*>([^<]+)</.exec(html)?.[1]?.trim() ?? ''
    expect(key).toMatch(/^lw_vk_live_/)
    expect(key).not.toBe(tenant.key)
    expect(html).toContain('The old secret keeps working until')
    const after = (await h.admin('GET', `/virtual-keys/${tenant.keyId}`)).body as {
      previous_secret_valid_until: string | null
    }
    expect(Date.parse(after.previous_secret_valid_until ?? '')).toBe(h.now() + 600_000)
    expect((await post(`/console/keys/${tenant.keyId}/disable`, {})).status).toBe(303)
    expect(((await h.admin('GET', `/virtual-keys/${tenant.keyId}`)).body as { status: string }).status).toBe(
      'disabled',
    )
    expect((await post(`/console/keys/${tenant.keyId}/enable`, {})).status).toBe(303)
    expect(((await h.admin('GET', `/virtual-keys/${tenant.keyId}`)).body as { status: string }).status).toBe(
      'active',
    )
  })

  it('edits a provider credential keeping its secret when the field is blank, then deletes it', async () => {
    const tenant = await seedTenant(h)
    const created = (
      await h.admin('POST', '/provider-credentials', {
        project_id: tenant.projectId,
        type: 'openai',
        name: 'edit-me',
        credentials: { api_key: 'sk-keep-this-one-9876' },
      })
    ).body as { id: string }
    expect(
      (await post(`/console/providers/${created.id}`, { name: 'edited', api_key: '', models: 'a, b' }))
        .status,
    ).toBe(303)
    const edited = (await h.admin('GET', `/provider-credentials/${created.id}`)).body as {
      name: string
      models: string[]
      credentials_hint: Record<string, string>
    }
    expect(edited).toMatchObject({ name: 'edited', models: ['a', 'b'] })
    expect(edited.credentials_hint.api_key).toContain('9876')
    expect(await page(`/console/providers/${created.id}`)).not.toContain('sk-keep-this-one-9876')
    expect((await post(`/console/providers/${created.id}/delete`, {})).status).toBe(303)
    expect((await h.admin('GET', `/provider-credentials/${created.id}`)).status).toBe(404)
  })

  it('renders an admin API read failure as an error page with the API status and message', async () => {
    const response = await fetch(`${h.cp.url}/console/keys/vk_missing/revoke`, {
      headers: { cookie: session.cookie },
    })
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('The admin API answered 404')
  })

  it('says what to do next on an empty page', async () => {
    expect(await page('/console/guardrails')).toContain('No guardrail yet. Create one below')
    expect(await page('/console/budgets')).toContain('No budget yet.')
  })
})
