// The signed internal API the gateway calls, mounted at /api/internal/gateway.
import { MAX_SPEND_BATCH_BYTES } from '@gw/contract'
import { Hono } from 'hono'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { createBootstrapHandler } from './bootstrap-route.js'
import { createBudgetBucketSpendHandler } from './budget-bucket-spend-route.js'
import { type ChangesHandlerOptions, createChangesHandler } from './changes-route.js'
import { createCodexRefreshHandler } from './codex-refresh-route.js'
import { createGuardrailCheckHandler } from './guardrail-check-route.js'
import type { InternalEnv } from './internal-env.js'
import { createKeyConfigHandler } from './key-config-route.js'
import { limitInternalBody } from './limit-internal-body.js'
import { createRealtimeSessionRoutes } from './realtime-sessions-routes.js'
import { createResolveKeyHandler } from './resolve-key-route.js'
import { createSpendCommandsHandler } from './spend-commands-route.js'
import { verifySignature } from './verify-signature.js'

/** Options for {@link createInternalRoutes}. */
export interface InternalRoutesOptions {
  /** `LW_GATEWAY_INTERNAL_SECRET`. */
  internalSecret: string
  /** `LW_GATEWAY_JWT_SECRET`. */
  jwtSecret: string
  bundleTtlSeconds: number
  changes: ChangesHandlerOptions
  /** `LW_GATEWAY_HMAC_COMPAT=path-only`: accept LangWatch gateways' signatures over the path alone. */
  acceptPathOnlySignatures?: boolean
}

/**
 * Builds the internal API. Every route, health included, requires a valid HMAC signature.
 *
 * @example
 * app.route('/api/internal/gateway', createInternalRoutes(deps, options))
 */
export function createInternalRoutes(
  deps: ControlPlaneDeps,
  options: InternalRoutesOptions,
): Hono<InternalEnv> {
  const internal = new Hono<InternalEnv>()
  internal.use('/spend-commands', limitInternalBody(MAX_SPEND_BATCH_BYTES))
  internal.use(
    '*',
    verifySignature({
      secret: options.internalSecret,
      now: deps.now,
      acceptPathOnly: options.acceptPathOnlySignatures === true,
    }),
  )
  internal.get('/health', (c) =>
    c.json({ status: 'ok', database: deps.db.kind, long_polls: deps.notifier.waiting }),
  )
  const bundle = { jwtSecret: options.jwtSecret, bundleTtlSeconds: options.bundleTtlSeconds }
  internal.post('/resolve-key', createResolveKeyHandler(deps, bundle))
  internal.get('/config/:vk_id', createKeyConfigHandler(deps))
  internal.get(
    '/bootstrap',
    createBootstrapHandler(deps, {
      internalSecret: options.internalSecret,
      bundleTtlSeconds: options.bundleTtlSeconds,
    }),
  )
  internal.get('/changes', createChangesHandler(deps, options.changes))
  internal.post('/spend-commands', createSpendCommandsHandler(deps))
  internal.post('/guardrail/check', createGuardrailCheckHandler(deps))
  internal.get('/budget-bucket-spend', createBudgetBucketSpendHandler(deps))
  internal.post('/codex/refresh', createCodexRefreshHandler())
  internal.route('/realtime-sessions', createRealtimeSessionRoutes())
  return internal
}
