// Span attribute names: gen_ai.* from the OpenTelemetry semantic conventions, langwatch.* ours.

export { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions'
export {
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  // Deprecated upstream in favour of gen_ai.provider.name, still read by LangWatch's views: both are set.
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
} from '@opentelemetry/semantic-conventions/incubating'

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
