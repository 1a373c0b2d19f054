import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness, testSecrets } from '../test-utils/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ env: { LOG_LEVEL: 'error' } })
})
afterAll(() => h.cp.close())

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' }

async function signIn(token: string = testSecrets.CONTROL_PLANE_ADMIN_TOKEN) {
  return fetch(`${h.cp.url}/console/sign-in`, {
    method: 'POST',
    headers: formHeaders,
    body: form({ token }),
    redirect: 'manual',
  })
}

async function signedIn(): Promise<{ cookie: string; csrf: string }> {
  const response = await signIn()
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const page = await (await fetch(`${h.cp.url}/console/projects`, { headers: { cookie } })).text()
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? ''
  return { cookie, csrf }
}

describe('console sign-in', () => {
  it('exchanges the admin token for an HttpOnly, SameSite=Strict, expiring cookie that is not the token', async () => {
    const response = await signIn()
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/console/projects')
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^gw_console_session=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).toMatch(/Max-Age=43200/)
    expect(cookie).toMatch(/Path=\/console/)
    expect(cookie).not.toMatch(/Secure/)
    expect(cookie).not.toContain(testSecrets.CONTROL_PLANE_ADMIN_TOKEN)
  })

  it('marks the cookie Secure when the request came over TLS (X-Forwarded-Proto: https)', async () => {
    const response = await fetch(`${h.cp.url}/console/sign-in`, {
      method: 'POST',
      headers: { ...formHeaders, 'x-forwarded-proto': 'https' },
      body: form({ token: testSecrets.CONTROL_PLANE_ADMIN_TOKEN }),
      redirect: 'manual',
    })
    expect(response.headers.get('set-cookie')).toMatch(/Secure/)
  })

  it('refuses a wrong token with 401 and sets no cookie', async () => {
    const response = await signIn('not-the-admin-token-at-all')
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(await response.text()).toContain('That admin token is not valid.')
  })

  it('refuses a sign-in posted from another origin (login CSRF)', async () => {
    const response = await fetch(`${h.cp.url}/console/sign-in`, {
      method: 'POST',
      headers: { ...formHeaders, origin: 'https://evil.example' },
      body: form({ token: testSecrets.CONTROL_PLANE_ADMIN_TOKEN }),
      redirect: 'manual',
    })
    expect(response.status).toBe(403)
  })

  it('sends a visitor without a session to the sign-in page', async () => {
    const response = await fetch(`${h.cp.url}/console/keys`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/console/sign-in')
  })

  it('ends the session at sign-out: the old cookie no longer opens a page', async () => {
    const { cookie, csrf } = await signedIn()
    const out = await fetch(`${h.cp.url}/console/sign-out`, {
      method: 'POST',
      headers: { ...formHeaders, cookie },
      body: form({ _csrf: csrf }),
      redirect: 'manual',
    })
    expect(out.status).toBe(303)
    expect(out.headers.get('set-cookie')).toMatch(/gw_console_session=;/)
    const after = await fetch(`${h.cp.url}/console/projects`, { headers: { cookie }, redirect: 'manual' })
    expect(after.status).toBe(303)
  })
})

describe('console CSRF', () => {
  it('refuses a change without the CSRF token, with a wrong one, or from another origin', async () => {
    const { cookie, csrf } = await signedIn()
    const post = (fields: Record<string, string>, extra: Record<string, string> = {}) =>
      fetch(`${h.cp.url}/console/organizations`, {
        method: 'POST',
        headers: { ...formHeaders, cookie, ...extra },
        body: form(fields),
        redirect: 'manual',
      })
    expect((await post({ name: 'nope' })).status).toBe(403)
    expect((await post({ name: 'nope', _csrf: `${csrf}x` })).status).toBe(403)
    expect((await post({ name: 'nope', _csrf: csrf }, { origin: 'https://evil.example' })).status).toBe(403)
    const organizations = (await h.admin('GET', '/organizations')).body as { data: { name: string }[] }
    expect(organizations.data.map((org) => org.name)).not.toContain('nope')
  })

  it('accepts a change with the session token and makes it through the admin API', async () => {
    const { cookie, csrf } = await signedIn()
    const response = await fetch(`${h.cp.url}/console/organizations`, {
      method: 'POST',
      headers: { ...formHeaders, cookie, origin: h.cp.url },
      body: form({ name: 'Made in console', _csrf: csrf }),
      redirect: 'manual',
    })
    expect(response.status).toBe(303)
    const organizations = (await h.admin('GET', '/organizations')).body as { data: { name: string }[] }
    expect(organizations.data.map((org) => org.name)).toContain('Made in console')
  })

  it('refuses a change without a session with 401', async () => {
    const response = await fetch(`${h.cp.url}/console/organizations`, {
      method: 'POST',
      headers: formHeaders,
      body: form({ name: 'x' }),
    })
    expect(response.status).toBe(401)
  })
})

describe('console headers', () => {
  it('serves every page with a CSP that allows no inline script or style, and never caches it', async () => {
    for (const path of ['/console/sign-in', '/console/projects']) {
      const { cookie } = await signedIn()
      const response = await fetch(`${h.cp.url}${path}`, { headers: { cookie } })
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("style-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain('unsafe-inline')
      expect(response.headers.get('cache-control')).toBe('no-store')
      const html = await response.text()
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*application\/json)[^>]*>/)
      expect(html).not.toMatch(/\sstyle="/)
    }
  })

  it('serves the client script and uPlot from the control plane itself', async () => {
    for (const name of ['console.js', 'console.css', 'uplot.js', 'uplot.css']) {
      const response = await fetch(`${h.cp.url}/console/assets/${name}`)
      expect(response.status, name).toBe(200)
      expect((await response.text()).length, name).toBeGreaterThan(100)
    }
    expect((await fetch(`${h.cp.url}/console/assets/..%2Fconsole-routes.tsx`)).status).toBe(404)
  })
})
