// Step "resolve model": the requested model → the key's candidate chain (aliases, allowlists, fallback).
import type { GatewayKeyConfig } from '@gw/contract'
import { GatewayError } from '@gw/contract'
import { type RoutePlan, routerForKeyConfig } from '@gw/providers'
import type { RoutingEngine } from '@gw/routing'
import type { RequestContext } from '../http/request-context.js'
import { applyRouting } from './apply-routing.js'
import type { RequestState } from './request-state.js'

/**
 * Resolves the body's `model` with the key's router (compiled once per config revision). Throws
 * 400 `bad_request` when the body names no model, and the router's 404 `model_not_found`,
 * `model_not_allowed` or `no_provider_configured`. `fields` is the body's scanned top level (or
 * a parsed body): routing never needs the full parse. With `routing` and `state`, the key's routing
 * mode, policy and exclusions then reorder or cut the chain (`pipeline/apply-routing.ts`).
 *
 * @example
 * state.plan = resolveModel(state.key.config, state.body.scanned ?? state.body.parsed, state.context)
 */
export function resolveModel(
  config: GatewayKeyConfig,
  fields: { readonly model?: unknown },
  context: RequestContext,
  routing?: RoutingEngine,
  state?: RequestState,
): RoutePlan {
  const model = fields.model
  if (typeof model !== 'string' || model === '') {
    throw new GatewayError(
      'bad_request',
      'The request names no model: set "model" to a model this key may use',
      {
        meta: { param: 'model' },
      },
    )
  }
  context.model = model
  const plan = routerForKeyConfig(config).resolve(model)
  return routing === undefined || state === undefined ? plan : applyRouting(routing, state, plan)
}
