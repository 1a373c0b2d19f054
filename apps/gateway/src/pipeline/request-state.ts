// The state one proxied request carries through the pipeline: each step fills in its own fields.
import type { IncomingMessage } from 'node:http'
import type { CachedKey } from '@gw/auth-cache'
import type { RateLimitDecision } from '@gw/budget'
import type { ClientApi, ForwardResult, RoutePlan, ScannedRequest } from '@gw/providers'
import type { RoutingDecision } from '@gw/routing'
import type { RequestContext } from '../http/request-context.js'
import type { SpendAdmission } from './spend-admit.js'

/**
 * The body as the "read body" step leaves it: raw bytes and the one parse every later step
 * shares. `parsed` is lazy (lazy-body.ts): read it only when the key configures a step that needs
 * it; `scanned` holds the top-level facts routing needs, read from the bytes.
 */
export interface RequestBody {
  raw: Buffer
  readonly parsed: Record<string, unknown>
  /** Top-level `model`, `stream`, `stream_options` and the wire-contract check, without a parse. */
  readonly scanned?: ScannedRequest
}

/**
 * One proxied request. The route creates it; each pipeline step reads what earlier steps set and
 * sets its own field (authenticate → `key`, read body → `body`, resolve model → `plan`, dispatch →
 * `result`). Every field exists from the start, so all states share one shape (cheap access on
 * the hot path), and a step never reaches into another step's module.
 *
 * @example
 * const state = createRequestState('openai-chat', incoming, context)
 * state.key = await authenticate(state.incoming, services.authenticate)
 */
export interface RequestState {
  readonly api: ClientApi
  readonly incoming: IncomingMessage
  /** The access-log and metrics record of the request. */
  readonly context: RequestContext
  key: CachedKey | undefined
  body: RequestBody | undefined
  /** Set by "rate limit" for a key with limits. */
  rateLimit: RateLimitDecision | undefined
  /** Set by "spend admit" for a key with budgets: the reservation "spend confirm" settles. */
  spend: SpendAdmission | undefined
  plan: RoutePlan | undefined
  /** Set by "resolve model" for a key with a routing mode, policy or exclusion. */
  routing: RoutingDecision | undefined
  result: ForwardResult | undefined
}

/**
 * Creates the state of a request entering the pipeline.
 *
 * @example
 * const state = createRequestState('anthropic-messages', c.env.incoming, getRequestContext(c))
 */
export function createRequestState(
  api: ClientApi,
  incoming: IncomingMessage,
  context: RequestContext,
): RequestState {
  return {
    api,
    incoming,
    context,
    key: undefined,
    body: undefined,
    rateLimit: undefined,
    spend: undefined,
    plan: undefined,
    routing: undefined,
    result: undefined,
  }
}
