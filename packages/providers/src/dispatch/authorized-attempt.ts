// Per-call credentials around an attempt: SigV4 signatures and OAuth tokens, refreshed once on a 401.
import type { RequestAuthorizer, UpstreamRequest } from '../spec/provider-adapter.js'
import type { AttemptInput, AttemptOutcome } from './attempt-types.js'
import { wholeBody } from './upstream-body.js'

/**
 * `request` with the adapter's credentials added, or the Error saying why there are none (a token
 * endpoint down, a key Google refuses). The error carries no `code`, so its message (never a
 * secret) is what the client sees if no other candidate answers.
 */
export async function authorizeRequest(
  adapter: RequestAuthorizer,
  request: UpstreamRequest,
  body: Buffer | undefined,
): Promise<UpstreamRequest | Error> {
  if (adapter.authorize === undefined) return request
  try {
    return { ...request, headers: await adapter.authorize(request, body) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return new Error(`no credentials for the upstream call: ${reason}`)
  }
}

/**
 * Runs `attempt` with per-call credentials. When the upstream answers 401 and the adapter can
 * drop what it cached (`invalidateAuth` returns true), the call is retried once with fresh
 * credentials: the 401 was buffered, never sent, so nothing reached the client yet. A failure to
 * obtain credentials is a network-error outcome, so the walker falls back.
 *
 * @example
 * const outcome = await runAuthorized(input, runTranslatedAttempt)
 */
export async function runAuthorized<Input extends AttemptInput>(
  input: Input,
  attempt: (input: Input) => Promise<AttemptOutcome>,
): Promise<AttemptOutcome> {
  const adapter = input.adapter
  // A signature covers the payload: the body goes whole to the signer and, signed, upstream.
  const body = wholeBody(input.body)
  for (let refreshed = false; ; refreshed = true) {
    const request = await authorizeRequest(adapter, input.request, body)
    if (request instanceof Error) return { kind: 'network-error', error: request, timeout: false }
    const outcome = await attempt({ ...input, request, body })
    if (refreshed || outcome.kind !== 'http-error' || outcome.status !== 401) return outcome
    if (adapter.invalidateAuth?.() !== true) return outcome
  }
}
