// Public API of @gw/guardrails.
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
