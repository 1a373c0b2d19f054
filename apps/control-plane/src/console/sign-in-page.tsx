// Sign-in (admin token → session cookie) and sign-out.
import type { Hono } from 'hono'
import type { ConsoleDeps, ConsoleEnv } from './console-env.js'
import { isSameOrigin } from './csrf.js'
import { Layout } from './layout.js'
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie.js'

function SignInPage(props: { error?: string }) {
  return (
    <Layout title="Sign in">
      <form method="post" action="/console/sign-in" class="card narrow">
        {props.error && (
          <p class="flash error" role="alert">
            {props.error}
          </p>
        )}
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required />
        <p class="hint">
          The value of <code>CONTROL_PLANE_ADMIN_TOKEN</code>. It is checked once and never kept in the
          browser: you get a session cookie instead.
        </p>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  )
}

/**
 * Adds `/console/sign-in` (GET, POST) and `/console/sign-out` (POST, behind the guard's CSRF check).
 * The token is checked by the admin API itself (its constant-time compare), not by a copy here.
 *
 * @example
 * addSignInRoutes(publicRoutes, guardedRoutes, deps)
 */
export function addSignInRoutes(open: Hono<ConsoleEnv>, guarded: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  open.get('/sign-in', (c) => {
    if (deps.sessions.get(readSessionCookie(c)) !== undefined) return c.redirect('/console/projects', 303)
    return c.html(<SignInPage />)
  })
  open.post('/sign-in', async (c) => {
    // Login CSRF: no session exists yet, so the same-origin check is what refuses a forged sign-in.
    if (!isSameOrigin(c.req.header('Origin'), c.req.url))
      return c.text('Refused: sign in from this site.', 403)
    const form = await c.req.parseBody()
    const token = typeof form.token === 'string' ? form.token : ''
    if (token === '' || token.length > 1024 || !(await deps.checkToken(c.env, token)))
      return c.html(<SignInPage error="That admin token is not valid." />, 401)
    deps.sessions.delete(readSessionCookie(c))
    const { id } = deps.sessions.create()
    writeSessionCookie(c, id, deps.sessions.maxAgeSeconds)
    return c.redirect('/console/projects', 303)
  })
  guarded.post('/sign-out', (c) => {
    deps.sessions.delete(readSessionCookie(c))
    clearSessionCookie(c)
    return c.redirect('/console/sign-in', 303)
  })
}
