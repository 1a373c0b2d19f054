// Public API of @gw/guardrails.
export { forceCacheControl, stripCacheControl } from './cache/apply-cache-mode.js'
export { type CompiledCacheRule, compileCacheRules, globToRegExp } from './cache/compile-cache-rules.js'
export {
  type CacheDecision,
  type CacheRequestFacts,
  parseCacheHeader,
  resolveCacheMode,
} from './cache/resolve-cache-mode.js'
export {
  findTextSlots,
  requestTextFields,
  responseTextFields,
  type TextSlots,
  writeTextSlots,
} from './content/text-slots.js'
export {
  type BuiltInEvaluatorName,
  builtInEvaluators,
  createBuiltInEvaluator,
  describeEvaluatorProblem,
  type EvaluatorDeps,
  isBuiltInEvaluator,
} from './evaluators/create-evaluator.js'
export {
  allowVerdict,
  type EvaluationInput,
  estimateTokens,
  type GuardrailEvaluator,
  type GuardrailStage,
  type Verdict,
} from './evaluators/evaluator-types.js'
export type { FetchLike } from './evaluators/http-evaluator.js'
export { type JsonSchema, validateJsonSchema } from './evaluators/validate-json-schema.js'
export { governanceOf, type KeyGovernance } from './governance/key-governance.js'
export { type PiiType, piiTypes } from './pii/pii-detectors.js'
export { type PiiScan, redactPii } from './pii/redact-pii.js'
export { checkModelPolicy, checkRequestPolicy } from './policy/check-request-policy.js'
export { checkValue, maxCheckedValueLength, type PolicyViolation } from './policy/check-value.js'
export {
  compilePattern,
  isPatternProblem,
  maxPatternLength,
  type PatternProblem,
} from './policy/compile-pattern.js'
export {
  type CompiledDimension,
  type CompiledPattern,
  type CompiledPolicy,
  compilePolicy,
  type PolicyCompilation,
  type PolicyRuleName,
  policyRuleNames,
} from './policy/compile-policy.js'
export { findUrls } from './policy/find-urls.js'
export { policyInvalidError, policyViolationError } from './policy/policy-errors.js'
export {
  type CompiledGuardrail,
  type CompiledGuardrails,
  compileGuardrails,
} from './runner/compile-guardrails.js'
export {
  type GuardrailOutcome,
  guardrailBlockedError,
  guardrailUnavailableError,
  outcomeError,
  wireDirectionOf,
} from './runner/guardrail-outcome.js'
export {
  type RemoteGuardrailCheck,
  type RunGuardrailsOptions,
  runGuardrails,
} from './runner/run-guardrails.js'
export { formatGuardrailStreamError } from './stream/stream-error-event.js'
export { readTextDelta, type StreamWire, writeTextDelta } from './stream/stream-text.js'
export { StreamWindow, type StreamWindowOptions, type WindowCheck } from './stream/stream-window.js'
