// The handler of every proxied /v1 route: body → auth → model → dispatch, written to the raw response.

import { GatewayError, isGatewayError } from '@gw/contract'
import type { ClientApi, ForwardResult } from '@gw/providers'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { Context } from 'hono'
import { logBodyPeek } from '../logging/body-peek.js'
import { readRequestBody } from '../server/body.js'
import { type ErrorShape, writeGatewayError } from '../server/error-response.js'
import type { GatewayEnv } from '../server/gateway-env.js'
import { parseJsonBody } from '../server/json-body.js'
import { getRequestContext, type RequestContext } from '../server/request-context.js'
import { DeferredEndSink } from './deferred-end-sink.js'
import type { GatewayServices } from './gateway-services.js'
import { routerForKey } from './router-for-key.js'

/** Options of {@link createProxyHandler}. */
export interface ProxyHandlerOptions {
  api: ClientApi
  shape: ErrorShape
  services: GatewayServices
  maxBodyBytes: number
  /** LW_LOG_MESSAGE_BODY on a Messages or Responses route: log a peek of the body (debugging only). */
  logBody: boolean
}

function recordResult(context: RequestContext, result: ForwardResult): void {
  context.provider = result.providerId
  context.model = result.model
  context.attempts = result.attempts
  if (result.usage !== undefined) {
    context.inputTokens = result.usage.inputTokens
    context.outputTokens = result.usage.outputTokens
  }
  const last = result.records[result.records.length - 1]
  if (last !== undefined && last.ttfbMs > 0) context.ttfbMs = last.ttfbMs
  if (result.streamed) context.markStreaming()
}

/**
 * Creates the handler. The body is read (capped, decoded) before auth so an oversized upload is
 * refused for free; auth is a cache hit on the hot path; the provider client writes status,
 * headers and bytes straight to `c.env.outgoing`, whose end waits for the result to be recorded.
 *
 * @example
 * app.post('/v1/chat/completions', createProxyHandler({ api: 'openai-chat', shape: 'openai', services, maxBodyBytes, logBody: false }))
 */
export function createProxyHandler(options: ProxyHandlerOptions) {
  const { api, shape, services, maxBodyBytes, logBody } = options
  return async function proxyHandler(c: Context<GatewayEnv>): Promise<Response> {
    const incoming = c.env.incoming
    const outgoing = c.env.outgoing
    const context = getRequestContext(c)
    const sink = new DeferredEndSink(outgoing, context)
    try {
      const body = await readRequestBody(incoming, { maxBytes: maxBodyBytes })
      const key = await services.authenticate(incoming.headers, incoming.socket.remoteAddress)
      context.keyPrefix = key.config.display_prefix ?? undefined
      const parsed = parseJsonBody(body)
      if (logBody) logBodyPeek(context, body)
      const model = parsed.model
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
      const plan = routerForKey(key.config).resolve(model)
      const queryAt = incoming.url?.indexOf('?') ?? -1
      const result = await services.providers.forward({
        api,
        body,
        parsed,
        headers: incoming.headers,
        ...(queryAt === -1 ? {} : { query: incoming.url!.slice(queryAt) }),
        sink,
        candidates: plan.candidates,
        ...(plan.maxAttempts === undefined ? {} : { maxAttempts: plan.maxAttempts }),
      })
      recordResult(context, result)
    } catch (error) {
      if (!isGatewayError(error)) throw error
      writeGatewayError(outgoing, error, shape)
    } finally {
      sink.finish()
    }
    return RESPONSE_ALREADY_SENT
  }
}
