// Turns a finished request's pipeline state into the facts its spans carry (no content).
import type { CachedKey } from '@gw/auth-cache'
import type { RequestTraceFacts, TraceAttempt } from '@gw/otel'
import { type AttemptRecord, type ClientApi, type ProviderType, scannedFromParsed } from '@gw/providers'
import type { RequestState } from '../pipeline/request-state.js'

const operations: Record<ClientApi, { route: string; operation: string }> = {
  'openai-chat': { route: '/v1/chat/completions', operation: 'chat' },
  'openai-responses': { route: '/v1/responses', operation: 'chat' },
  'openai-embeddings': { route: '/v1/embeddings', operation: 'embeddings' },
  'anthropic-messages': { route: '/v1/messages', operation: 'chat' },
  'anthropic-count-tokens': { route: '/v1/messages/count_tokens', operation: 'count_tokens' },
  'openai-models': { route: '/v1/models', operation: 'list_models' },
}

// gen_ai.provider.name values of the semantic conventions; other types keep their own name.
const systems: Record<ProviderType, string> = {
  openai: 'openai',
  'azure-openai': 'azure.ai.openai',
  anthropic: 'anthropic',
  'openai-compatible': 'openai_compatible',
  gemini: 'gcp.gemini',
  bedrock: 'aws.bedrock',
  vertex: 'gcp.vertex_ai',
}

/** The provider type of a credential id in the request's plan (a bounded metric label). */
export function providerTypeOf(
  state: RequestState,
  providerId: string | undefined,
): ProviderType | undefined {
  if (providerId === undefined) return undefined
  for (const candidate of state.plan?.candidates ?? [])
    if (candidate.provider.id === providerId) return candidate.provider.type
  return undefined
}

function toAttempt(record: AttemptRecord, answered: boolean): TraceAttempt {
  const outcome = answered ? 'ok' : record.status === 0 && record.ttfbMs === 0 ? 'skipped' : 'error'
  return {
    providerId: record.providerId,
    model: record.model,
    status: record.status,
    outcome,
    ...(record.error === undefined ? {} : { error: record.error }),
  }
}

/**
 * The project OTLP token customer spans of this key go to; undefined when the project has none.
 *
 * @example
 * if (customerTokenOf(state.key) === undefined) return // no customer span for this request
 */
export function customerTokenOf(key: CachedKey | undefined): string | undefined {
  const token = key?.config.project_otlp_token
  return token === null || token === undefined || token === '' ? undefined : token
}

/**
 * Builds the facts of one request; `failureCode` is the GatewayError code the client got, if any.
 * Message content is never read here: the customer span's content capture is a project setting
 * the key config does not carry yet, so it stays off (docs/DECISIONS.md).
 *
 * @example
 * recorder(buildTraceFacts(state, undefined))
 */
export function buildTraceFacts(state: RequestState, failureCode: string | undefined): RequestTraceFacts {
  const { context, result, key } = state
  // The scanned top level when there is one: tracing a request must not parse its body.
  const top =
    state.body === undefined ? undefined : (state.body.scanned ?? scannedFromParsed(state.body.parsed))
  const { route, operation } = operations[state.api]
  const startTimeMs = performance.timeOrigin + context.startedAt
  const facts: RequestTraceFacts = {
    route,
    operation,
    requestId: context.requestId,
    startTimeMs,
    endTimeMs: performance.timeOrigin + performance.now(),
    status: context.response.statusCode,
  }
  const traceparent = state.incoming.headers.traceparent
  if (typeof traceparent === 'string') {
    facts.traceparent = traceparent
    const tracestate = state.incoming.headers.tracestate
    if (typeof tracestate === 'string') facts.tracestate = tracestate
  }
  if (key !== undefined) {
    const { claims } = key
    facts.key = {
      virtualKeyId: claims.vk_id,
      projectId: claims.project_id,
      orgId: claims.org_id,
      ...(claims.team_id === null ? {} : { teamId: claims.team_id }),
      ...(claims.principal_id === null ? {} : { principalId: claims.principal_id }),
    }
    const token = customerTokenOf(key)
    if (token !== undefined) {
      const endUser = top?.user
      facts.customer = {
        projectOtlpToken: token,
        labels: key.config.vk_tags,
        ...(typeof endUser === 'string' ? { endUserId: endUser } : {}),
      }
    }
  }
  if (top?.model !== undefined) facts.requestedModel = top.model
  facts.maxTokens = top?.maxTokens
  facts.temperature = top?.temperature
  if (top?.stream === true) facts.stream = true
  if (result !== undefined) {
    facts.providerId = result.providerId
    facts.requestModel = result.model
    facts.responseModel = result.model
    const type = providerTypeOf(state, result.providerId)
    if (type !== undefined) facts.system = systems[type]
    if (result.usage !== undefined) facts.usage = result.usage
    if (result.costMicroUsd !== undefined) facts.costMicroUsd = result.costMicroUsd
    const last = result.records.length - 1
    facts.attempts = result.records.map((record, index) =>
      toAttempt(record, index === last && result.status < 400),
    )
    const answered = result.records[last]
    if (result.streamed && answered !== undefined && answered.ttfbMs > 0)
      facts.firstTokenTimeMs = startTimeMs + answered.ttfbMs
    if (result.clientAborted) facts.aborted = true
    if (result.streamError !== undefined) facts.errorCode = result.streamError
  }
  const routing = state.routing
  if (routing !== undefined)
    facts.routing = {
      strategy: routing.strategy,
      ...(routing.providerId === undefined ? {} : { providerId: routing.providerId }),
      ...(routing.policyId === undefined ? {} : { policyId: routing.policyId }),
    }
  if (failureCode !== undefined) facts.errorCode = failureCode
  return facts
}
