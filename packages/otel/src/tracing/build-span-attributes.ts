// Turns a request's facts into span attributes: the operator set (no content) and the customer set.
import type { Attributes } from '@opentelemetry/api'
import {
  ATTR_ERROR_TYPE,
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
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  LANGWATCH_ATTRIBUTES as LW,
} from './attribute-names.js'
import type { RequestTraceFacts } from './request-trace-facts.js'

function put(attributes: Attributes, name: string, value: string | number | boolean | undefined): void {
  if (value !== undefined) attributes[name] = value
}

/**
 * The operator span's attributes: gen_ai request/response facts, usage, cost, ids, decisions.
 * Never message content: this span goes to the operator's collector, across all tenants.
 *
 * @example
 * span.setAttributes(buildOperatorAttributes(facts))
 */
export function buildOperatorAttributes(facts: RequestTraceFacts): Attributes {
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: facts.operation,
    [LW.gatewayRequestId]: facts.requestId,
    [ATTR_HTTP_RESPONSE_STATUS_CODE]: facts.status,
  }
  const key = facts.key
  if (key !== undefined) {
    attributes[LW.virtualKeyId] = key.virtualKeyId
    attributes[LW.projectId] = key.projectId
    put(attributes, LW.teamId, key.teamId)
    put(attributes, LW.orgId, key.orgId)
    put(attributes, LW.principalId, key.principalId)
  }
  if (facts.system !== undefined) {
    attributes[ATTR_GEN_AI_PROVIDER_NAME] = facts.system
    attributes[ATTR_GEN_AI_SYSTEM] = facts.system
  }
  put(attributes, ATTR_GEN_AI_REQUEST_MODEL, facts.requestModel)
  put(attributes, ATTR_GEN_AI_RESPONSE_MODEL, facts.responseModel)
  put(attributes, LW.modelProviderId, facts.providerId)
  put(attributes, ATTR_GEN_AI_REQUEST_MAX_TOKENS, facts.maxTokens)
  put(attributes, ATTR_GEN_AI_REQUEST_TEMPERATURE, facts.temperature)
  put(attributes, ATTR_GEN_AI_REQUEST_STREAM, facts.stream)
  if (facts.finishReasons !== undefined && facts.finishReasons.length > 0)
    attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = [...facts.finishReasons]
  const usage = facts.usage
  if (usage !== undefined) {
    put(attributes, ATTR_GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens)
    put(attributes, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens)
    put(attributes, ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cacheReadInputTokens)
    put(attributes, ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, usage.cacheCreationInputTokens)
    put(attributes, ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningTokens)
  }
  if (facts.costMicroUsd !== undefined) attributes[LW.costUsd] = facts.costMicroUsd / 1_000_000
  if (facts.firstTokenTimeMs !== undefined)
    attributes[ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = (facts.firstTokenTimeMs - facts.startTimeMs) / 1000
  if (facts.attempts !== undefined && facts.attempts.length > 1)
    attributes[LW.fallbackCount] = facts.attempts.length - 1
  if (facts.budget !== undefined) {
    attributes[LW.budgetDecision] = facts.budget.decision
    put(attributes, LW.budgetId, facts.budget.budgetId)
    put(attributes, LW.budgetScope, facts.budget.scope)
  }
  if (facts.routing !== undefined) {
    attributes[LW.routingStrategy] = facts.routing.strategy
    put(attributes, LW.routingProviderId, facts.routing.providerId)
    put(attributes, LW.routingPolicyId, facts.routing.policyId)
  }
  if (facts.aborted === true) attributes[LW.streamAborted] = true
  put(attributes, ATTR_ERROR_TYPE, facts.errorCode)
  return attributes
}

/**
 * The customer span's attributes: the operator set (pass it when already built) plus the requested
 * model, labels, end user, and the messages and output when the pipeline put them in
 * `facts.customer` (capture allowed).
 *
 * @example
 * span.setAttributes(buildCustomerAttributes(facts))
 */
export function buildCustomerAttributes(
  facts: RequestTraceFacts,
  operatorAttributes?: Attributes,
): Attributes {
  const attributes =
    operatorAttributes === undefined ? buildOperatorAttributes(facts) : { ...operatorAttributes }
  put(attributes, LW.requestedModel, facts.requestedModel)
  const customer = facts.customer
  if (customer === undefined) return attributes
  if (customer.labels !== undefined && customer.labels.length > 0)
    attributes[LW.labels] = [...customer.labels]
  put(attributes, LW.endUserId, customer.endUserId)
  put(attributes, ATTR_GEN_AI_INPUT_MESSAGES, customer.inputMessages)
  put(attributes, ATTR_GEN_AI_OUTPUT_MESSAGES, customer.outputMessages)
  return attributes
}
