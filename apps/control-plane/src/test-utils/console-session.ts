// A signed-in console session for server-side console tests: the cookie, the CSRF token, page and form helpers.
import { testSecrets } from './harness.js'

/** A console session against a running control plane. */
export interface ConsoleSession {
  /** The `name=value` of the session cookie. */
  cookie: string
  /** GET a console page with the session cookie; its HTML. */
  page(path: string): Promise<string>
  /** POST a console form with the session cookie and CSRF token (redirects not followed). */
  post(path: string, fields: Record<string, string>): Promise<Response>
}

/**
 * Signs in to the console of the control plane at `baseUrl` with the test admin token.
 *
 * @example
 * const console = await signInToConsole(h.cp.url)
 * const html = await console.page('/console/budgets')
 */
export async function signInToConsole(baseUrl: string): Promise<ConsoleSession> {
  const signIn = await fetch(`${baseUrl}/console/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: testSecrets.CONTROL_PLANE_ADMIN_TOKEN }),
    redirect: 'manual',
  })
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const page = async (path: string): Promise<string> =>
    (await fetch(`${baseUrl}${path}`, { headers: { cookie } })).text()
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page('/console/projects'))?.[1] ?? ''
  const post = (path: string, fields: Record<string, string>): Promise<Response> =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ ...fields, _csrf: csrf }),
      redirect: 'manual',
    })
  return { cookie, page, post }
}
