// The handler of every proxied /v1 route: the request pipeline, step by step, written to the raw response.

import type { IncomingMessage, ServerResponse } from 'node:http'
import { isGatewayError } from '@gw/contract'
import type { ClientApi } from '@gw/providers'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { Context } from 'hono'
import { resolveEndUser, syncEndUserBuckets } from '../governance/end-user.js'
import { settleRefusedBody } from '../http/body.js'
import type { DirectRoute } from '../http/direct-routes.js'
import { type ErrorShape, writeGatewayError } from '../http/error-response.js'
import type { GatewayEnv } from '../http/gateway-env.js'
import { getRequestContext, type RequestContext } from '../http/request-context.js'
import { settleRouting } from '../pipeline/apply-routing.js'
import { applyCacheControl } from '../pipeline/cache-control.js'
import { dispatch } from '../pipeline/dispatch.js'
import { guardResponse } from '../pipeline/guardrails-post.js'
import { runPreGuardrails } from '../pipeline/guardrails-pre.js'
import { enforceModelPolicy, enforceRequestPolicy } from '../pipeline/policy.js'
import { applyRateLimit } from '../pipeline/rate-limit.js'
import { type ReadBodyOptions, readBody } from '../pipeline/read-body.js'
import { createRequestState } from '../pipeline/request-state.js'
import { resolveModel } from '../pipeline/resolve-model.js'
import { lookupResponseCache } from '../pipeline/response-cache.js'
import { admitShared } from '../pipeline/shared-admit.js'
import { admitSpend, excludeBudgetedProviders } from '../pipeline/spend-admit.js'
import { confirmSpend, releaseSpend } from '../pipeline/spend-confirm.js'
import { recordTelemetry } from '../pipeline/telemetry.js'
import { traceRequest } from '../pipeline/trace-request.js'
import { DeferredEndSink } from './deferred-end-sink.js'
import type { GatewayServices } from './gateway-services.js'

/** Options of {@link createProxyHandler}. */
export interface ProxyHandlerOptions {
  api: ClientApi
  shape: ErrorShape
  services: GatewayServices
  body: ReadBodyOptions
}

/**
 * Creates the handler. It reads as the pipeline of docs/ARCHITECTURE.md §2: authenticate (from
 * the headers alone: a caller without a valid key costs no body read), read body, resolve model,
 * dispatch, telemetry. Each step is one call with typed inputs whose output lands on the request
 * state. The provider client writes status, headers and bytes straight to `c.env.outgoing`, whose
 * end waits until the result is recorded; a GatewayError from any step becomes the envelope.
 *
 * @example
 * app.post('/v1/chat/completions', createProxyHandler({ api: 'openai-chat', shape: 'openai', services, body: { maxBytes, logBody: false } }))
 */
export function createProxyHandler(options: ProxyHandlerOptions) {
  const pipeline = createProxyPipeline(options)
  return async function proxyHandler(c: Context<GatewayEnv>): Promise<Response> {
    await pipeline.handle(c.env.incoming, c.env.outgoing, getRequestContext(c))
    return RESPONSE_ALREADY_SENT
  }
}

/**
 * The same pipeline as a {@link DirectRoute}: the gateway's Node listener calls it without Hono
 * for an exact-path POST (no URL object, no Hono request or context per request).
 *
 * @example
 * directRoutes.set('/v1/chat/completions', createProxyPipeline({ api: 'openai-chat', shape: 'openai', services, body }))
 */
export function createProxyPipeline(options: ProxyHandlerOptions): DirectRoute {
  const { api, shape, services } = options
  const { budgets } = services
  const bodyOptions = options.body
  async function handle(
    incoming: IncomingMessage,
    outgoing: ServerResponse,
    context: RequestContext,
  ): Promise<void> {
    const state = createRequestState(api, incoming, context)
    const sink = new DeferredEndSink(outgoing, state.context)
    let failure: unknown
    state.context.recording = true
    try {
      const key = services.authenticate(incoming.headers, incoming.socket.remoteAddress, incoming.socket)
      state.key = key instanceof Promise ? await key : key
      state.context.keyPrefix = state.key.config.display_prefix ?? undefined
      state.body = await readBody(incoming, state.context, bodyOptions)
      const endUser = resolveEndUser(budgets, state.key, incoming.headers, state.body)
      if (endUser !== null) await syncEndUserBuckets(budgets, state.key, endUser)
      if (budgets.shared === undefined) {
        state.rateLimit = applyRateLimit(budgets, state.key, state.body, outgoing)
        state.spend = admitSpend(budgets, state.key, state.body, state.context.requestId, outgoing, endUser)
      } else {
        Object.assign(
          state,
          await admitShared(
            budgets,
            budgets.shared,
            state.key,
            state.body,
            state.context.requestId,
            outgoing,
            endUser,
          ),
        )
      }
      enforceRequestPolicy(state.key.config, state.body, state.context)
      state.plan = excludeBudgetedProviders(
        resolveModel(
          state.key.config,
          state.body.scanned ?? state.body.parsed,
          state.context,
          services.routing,
          state,
        ),
        state.spend,
      )
      state.plan = enforceModelPolicy(state.key.config, state.plan.requestedModel, state.plan)
      const cacheMode = applyCacheControl({
        api,
        key: state.key,
        body: state.body,
        plan: state.plan,
        headers: incoming.headers,
      })
      const pre = runPreGuardrails(services.governance, state.key, state.body, state.context)
      const modifiedBy = pre === undefined ? undefined : await pre
      const governed = guardResponse(services.governance, {
        api,
        shape,
        key: state.key,
        sink,
        context: state.context,
        cacheMode,
        modifiedBy,
      })
      const pending = lookupResponseCache(services.responseCache, { state, sink: governed ?? sink })
      const cached = pending && (await pending)
      state.result =
        cached?.hit ??
        (await dispatch(services.providers, {
          state,
          body: state.body,
          plan: state.plan,
          sink: cached?.capture ?? governed ?? sink,
        }))
      if (governed !== undefined) await governed.settled()
      cached?.keep(state.result)
      confirmSpend(budgets, state.key, state, state.result)
      recordTelemetry(state.context, state.result)
    } catch (error) {
      if (state.key !== undefined) releaseSpend(budgets, state.key, state, 'refused')
      if (!isGatewayError(error)) throw error
      failure = error
      // Refused before its body was read (auth, limits): a small upload is discarded and the
      // connection kept; anything larger closes it rather than drain it.
      settleRefusedBody(incoming)
      writeGatewayError(outgoing, error, shape)
    } finally {
      settleRouting(services.routing, state)
      sink.finish()
      state.context.recorded()
      traceRequest(services.telemetry, state, failure)
    }
  }
  return { handle, shape }
}
