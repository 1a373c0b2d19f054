// The admin API, mounted at /api/admin, behind the admin bearer token.
import { Hono } from 'hono'
import type { ControlPlaneDeps } from '../shared/deps.js'
import type { RecentSpans } from '../traces/recent-spans.js'
import { adminAuth } from './admin-auth.js'
import { createBudgetRoutes } from './budget-routes.js'
import { createChangeRoutes } from './change-routes.js'
import { createGuardrailRoutes } from './guardrail-routes.js'
import { createKeyRoutes } from './key-routes.js'
import { createProviderRoutes } from './provider-routes.js'
import { createRoutingPolicyRoutes } from './routing-policy-routes.js'
import { createTenancyRoutes } from './tenancy-routes.js'
import { createTraceRoutes } from './trace-routes.js'

/**
 * Builds the admin API.
 *
 * @example
 * app.route('/api/admin', createAdminRoutes(deps, { token: config.controlPlane.adminToken, recentSpans }))
 */
export function createAdminRoutes(
  deps: ControlPlaneDeps,
  options: { token: string; recentSpans: RecentSpans },
): Hono {
  const admin = new Hono()
  admin.use('*', adminAuth({ token: options.token }))
  admin.route('/', createTenancyRoutes(deps))
  admin.route('/', createKeyRoutes(deps))
  admin.route('/', createProviderRoutes(deps))
  admin.route('/', createTraceRoutes(deps, options.recentSpans))
  admin.route('/', createGuardrailRoutes(deps))
  admin.route('/', createRoutingPolicyRoutes(deps))
  admin.route('/', createBudgetRoutes(deps))
  admin.route('/', createChangeRoutes(deps))
  return admin
}
