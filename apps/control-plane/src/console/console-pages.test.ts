import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness, testSecrets } from '../test-utils/harness.js'

let h: Harness
let cookie = ''
let csrf = ''
beforeAll(async () => {
  h = await startHarness({
    env: { LOG_LEVEL: 'error', CONTROL_PLANE_CONSOLE_GATEWAY_URL: 'https://gw.example/' },
  })
  const signIn = await fetch(`${h.cp.url}/console/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: testSecrets.CONTROL_PLANE_ADMIN_TOKEN }),
    redirect: 'manual',
  })
  cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  csrf = /name="_csrf" value="([^"]+)"/.exec(await page('/console/projects'))?.[1] ?? ''
})
afterAll(() => h.cp.close())

async function page(path: string): Promise<string> {
  return (await fetch(`${h.cp.url}${path}`, { headers: { cookie } })).text()
}

async function post(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${h.cp.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ ...fields, _csrf: csrf }),
    redirect: 'manual',
  })
}

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

  it('renders an admin API read failure as an error page with the API status and message', async () => {
    const response = await fetch(`${h.cp.url}/console/keys/vk_missing/revoke`, { headers: { cookie } })
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('The admin API answered 404')
  })

  it('says what to do next on an empty page', async () => {
    expect(await page('/console/guardrails')).toContain('No guardrail yet. Create one below')
    expect(await page('/console/budgets')).toContain('No budget yet.')
  })
})
