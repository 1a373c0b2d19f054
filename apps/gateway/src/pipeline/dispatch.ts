// Step "dispatch": walks the candidate chain through @gw/providers, writing the answer to the client.
import type { ForwardResult, ProviderClient, ResponseSink } from '@gw/providers'
import type { RequestState } from './request-state.js'

/** What {@link dispatch} sends: the authenticated, parsed, resolved request. */
export interface DispatchInput {
  state: RequestState
  body: NonNullable<RequestState['body']>
  plan: NonNullable<RequestState['plan']>
  sink: ResponseSink
}

/**
 * Forwards the request: same shape passes the client's bytes through, another shape is
 * translated; fallback and breakers apply. The provider client writes status, headers and bytes
 * to `sink`; the promise settles with the provider, attempts and usage once the answer is out.
 *
 * @example
 * state.result = await dispatch(services.providers, { state, body: state.body, plan: state.plan, sink })
 */
export function dispatch(providers: ProviderClient, input: DispatchInput): Promise<ForwardResult> {
  const { state, body, plan, sink } = input
  const url = state.incoming.url
  const queryAt = url?.indexOf('?') ?? -1
  // One object of one shape (absent facts are undefined): no spread of a temporary per request.
  return providers.forward({
    api: state.api,
    body: body.raw,
    // The parse stays lazy: a same-shape passthrough reads only `scanned`.
    lazyBody: body,
    scanned: body.scanned,
    headers: state.incoming.headers,
    query: queryAt === -1 ? undefined : url!.slice(queryAt),
    sink,
    requestId: state.context.requestId,
    candidates: plan.candidates,
    maxAttempts: plan.maxAttempts,
  })
}
