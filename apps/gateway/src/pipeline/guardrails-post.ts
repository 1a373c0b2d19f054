// Step "guardrails post": wraps the response sink so post guardrails check complete answers and stream_chunk ones check streams.
import type { CachedKey } from '@gw/auth-cache'
import type { CacheMode } from '@gw/contract'
import { governanceOf, type StreamWire } from '@gw/guardrails'
import type { ClientApi, ResponseSink } from '@gw/providers'
import type { GovernanceOptions } from '../governance/governance-options.js'
import { GovernedSink } from '../governance/governed-sink.js'
import { StreamGuard } from '../governance/stream-guard.js'
import type { ErrorShape } from '../http/error-response.js'
import type { RequestContext } from '../http/request-context.js'

const streamWires: Partial<Record<ClientApi, StreamWire>> = {
  'openai-chat': 'openai-chat',
  'openai-responses': 'openai-responses',
  'anthropic-messages': 'anthropic-messages',
}

/** What {@link guardResponse} needs. */
export interface GuardResponseInput {
  api: ClientApi
  shape: ErrorShape
  key: CachedKey
  sink: ResponseSink
  context: RequestContext
  /** From the cache-control step; undefined → no `X-LangWatch-Cache-Mode`. */
  cacheMode: CacheMode | undefined
  /** From the guardrails-pre step. */
  modifiedBy: readonly string[] | undefined
}

/**
 * The sink to dispatch into: the route's own when the key has no response guardrails and there
 * is no header to add (nothing allocated), else a {@link GovernedSink}.
 *
 * @example
 * const governed = guardResponse(services.governance, { api, shape, key, sink, context, cacheMode, modifiedBy })
 * state.result = await dispatch(providers, { …, sink: governed ?? sink }); await governed?.settled()
 */
export function guardResponse(
  options: GovernanceOptions,
  input: GuardResponseInput,
): GovernedSink | undefined {
  const guardrails = governanceOf(input.key.config)?.guardrails ?? null
  const post = guardrails?.post
  const chunk = guardrails?.stream_chunk
  if (
    post === undefined &&
    chunk === undefined &&
    input.cacheMode === undefined &&
    input.modifiedBy === undefined
  )
    return undefined
  const extraHeaders: string[] = []
  if (input.cacheMode !== undefined) extraHeaders.push('x-langwatch-cache-mode', input.cacheMode)
  if (input.modifiedBy !== undefined)
    extraHeaders.push('x-langwatch-guardrails-modified', input.modifiedBy.join(','))
  const remote = options.remoteFor(input.key.claims.vk_id, input.key.config.project_id)
  const wire = streamWires[input.api]
  return new GovernedSink(input.sink, {
    extraHeaders,
    post:
      post === undefined
        ? undefined
        : {
            list: post,
            timeoutMs: options.timeouts.postMs,
            remote,
            shape: input.shape,
            modifiedBefore: input.modifiedBy ?? [],
            record: (outcome) => options.record('post', outcome, input.context.logger),
          },
    createStreamGuard:
      wire === undefined || (post === undefined && chunk === undefined)
        ? undefined
        : (sink) =>
            new StreamGuard(sink, {
              wire,
              chunk,
              post,
              windowChars: options.stream.windowChars,
              remoteEvery: options.stream.remoteEvery,
              chunkTimeoutMs: options.timeouts.chunkMs,
              postTimeoutMs: options.timeouts.postMs,
              remote,
              record: (stage, outcome) => options.record(stage, outcome, input.context.logger),
              onBlocked: (error) =>
                input.context.logger.info(
                  { code: error.code, meta: error.meta },
                  'stream_guardrail_ended_stream',
                ),
            }),
  })
}
