// The web console, mounted at /console: server-rendered pages over the admin API, one client script.
import { Hono } from 'hono'
import { addActivityPage } from './activity-page.js'
import { type AppFetch, createAdminCaller, createTokenCheck } from './admin-caller.js'
import { addBudgetsPage } from './budgets-page.js'
import { type ConsoleDeps, type ConsoleEnv, ConsoleReadError } from './console-env.js'
import { consoleGuard } from './console-guard.js'
import { addGuardrailsPage } from './guardrails-page.js'
import { addKeyConfigPage } from './key-config-page.js'
import { addKeysPage } from './keys-page.js'
import { Layout } from './layout.js'
import { addProjectsPage } from './projects-page.js'
import { addProvidersPage } from './providers-page.js'
import { securityHeaders } from './security-headers.js'
import { createSessionStore, type SessionStore } from './session-store.js'
import { addSignInRoutes } from './sign-in-page.js'
import { addSpendPage } from './spend-page.js'
import { addStaticAssets } from './static-assets.js'

/** Options of {@link createConsoleRoutes}. */
export interface ConsoleOptions {
  /** The control plane app's own fetch: every read and change goes through its admin API. */
  fetch: AppFetch
  /** `CONTROL_PLANE_ADMIN_TOKEN`, attached server-side to the console's admin calls. */
  adminToken: string
  /** `CONTROL_PLANE_CONSOLE_GATEWAY_URL`: shown in the base-URL lines of a new key. */
  gatewayUrl: string
  /** Default: 1000 sessions, 1 h idle, 12 h absolute. */
  sessions?: SessionStore
}

/**
 * Builds the console's routes (relative to /console).
 *
 * @example
 * app.route('/console', createConsoleRoutes({ fetch: (r, env) => app.fetch(r, env), adminToken, gatewayUrl }))
 */
export function createConsoleRoutes(options: ConsoleOptions): Hono<ConsoleEnv> {
  const deps: ConsoleDeps = {
    callAdmin: createAdminCaller({ fetch: options.fetch, token: options.adminToken }),
    checkToken: createTokenCheck(options.fetch),
    sessions: options.sessions ?? createSessionStore(),
    gatewayUrl: options.gatewayUrl.replace(/\/+$/, ''),
  }
  const routes = new Hono<ConsoleEnv>()
  routes.use('*', securityHeaders())
  const open = new Hono<ConsoleEnv>()
  const guarded = new Hono<ConsoleEnv>()
  guarded.use('*', consoleGuard(deps.sessions))
  addStaticAssets(open)
  addSignInRoutes(open, guarded, deps)
  guarded.get('/', (c) => c.redirect('/console/projects', 303))
  addProjectsPage(guarded, deps)
  addProvidersPage(guarded, deps)
  addKeysPage(guarded, deps)
  addKeyConfigPage(guarded, deps)
  addBudgetsPage(guarded, deps)
  addSpendPage(guarded, deps)
  addGuardrailsPage(guarded, deps)
  addActivityPage(guarded, deps)
  routes.route('/', open)
  routes.route('/', guarded)
  routes.onError((error, c) => {
    if (!(error instanceof ConsoleReadError)) throw error
    return c.html(
      <Layout title="Something went wrong" session={c.get('session')}>
        <p class="flash error" role="alert">
          {`The admin API answered ${error.status}: ${error.apiError.message} [${error.apiError.code}]`}
        </p>
        <p>
          <a href="/console/projects">Back to projects</a>
        </p>
      </Layout>,
      error.status as 400,
    )
  })
  return routes
}
