// Span attribute names: gen_ai.* from the OpenTelemetry semantic conventions, langwatch.* ours.

export { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions'
// The gen_ai.* names are still "incubating" upstream. Their package entry point loads every
// incubating constant (≈ 35 ms and 3 MiB of heap at start-up) and may change them in a minor
// release, so, as the semantic-conventions README advises, the ones used are copied here
// (values of semantic-conventions 1.45.0; attribute-names.test.ts compares them with it).
export const ATTR_GEN_AI_INPUT_MESSAGES = 'gen_ai.input.messages'
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name'
export const ATTR_GEN_AI_OUTPUT_MESSAGES = 'gen_ai.output.messages'
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name'
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens'
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model'
export const ATTR_GEN_AI_REQUEST_STREAM = 'gen_ai.request.stream'
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = 'gen_ai.request.temperature'
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons'
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model'
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = 'gen_ai.response.time_to_first_chunk'
// Deprecated upstream in favour of gen_ai.provider.name, still read by LangWatch's views: both are set.
export const ATTR_GEN_AI_SYSTEM = 'gen_ai.system'
export const ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS = 'gen_ai.usage.cache_creation.input_tokens'
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens'
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens'
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens'
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = 'gen_ai.usage.reasoning.output_tokens'

/** `langwatch.*` attribute names (no semantic convention covers them). */
export const LANGWATCH_ATTRIBUTES = {
  virtualKeyId: 'langwatch.virtual_key_id',
  projectId: 'langwatch.project_id',
  teamId: 'langwatch.team_id',
  orgId: 'langwatch.org_id',
  principalId: 'langwatch.principal_id',
  gatewayRequestId: 'langwatch.gateway_request_id',
  modelProviderId: 'langwatch.model_provider_id',
  costUsd: 'langwatch.cost_usd',
  fallbackCount: 'langwatch.fallback_count',
  budgetDecision: 'langwatch.budget.decision',
  budgetId: 'langwatch.budget.id',
  budgetScope: 'langwatch.budget.scope',
  guardrailDirection: 'langwatch.guardrail.direction',
  guardrailDecision: 'langwatch.guardrail.decision',
  guardrailId: 'langwatch.guardrail.id',
  attemptOutcome: 'langwatch.attempt.outcome',
  requestedModel: 'langwatch.requested_model',
  labels: 'langwatch.labels',
  endUserId: 'langwatch.end_user_id',
  streamAborted: 'langwatch.stream.aborted',
  routingStrategy: 'langwatch.routing.strategy',
  routingProviderId: 'langwatch.routing.provider_id',
  routingPolicyId: 'langwatch.routing.policy_id',
} as const

/** Span event names. */
export const LANGWATCH_EVENTS = {
  fallbackAttempt: 'langwatch.fallback.attempt',
  guardrail: 'langwatch.guardrail',
  budget: 'langwatch.budget',
  firstToken: 'gen_ai.first_token',
} as const
