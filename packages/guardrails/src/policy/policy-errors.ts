// The errors the policy step answers with: 403 policy_violation and 503 policy_invalid.
import { GatewayError } from '@gw/contract'
import type { PolicyViolation } from './check-value.js'
import type { PatternProblem } from './compile-pattern.js'
import type { PolicyRuleName } from './compile-policy.js'

const shownValueLength = 256

/**
 * 403 `policy_violation` with `meta.rule`, `meta.list`, `meta.pattern` and `meta.value`.
 *
 * @example
 * throw policyViolationError({ rule: 'tools', list: 'deny', pattern: '^exec', value: 'exec_shell' })
 */
export function policyViolationError(violation: PolicyViolation): GatewayError {
  const value =
    violation.value.length > shownValueLength
      ? `${violation.value.slice(0, shownValueLength)}…`
      : violation.value
  const message =
    violation.list === 'deny'
      ? `The ${violation.rule} policy of this key denies "${value}" (pattern ${violation.pattern})`
      : `The ${violation.rule} policy of this key allows only listed values, and "${value}" matches none`
  return new GatewayError('policy_violation', message, {
    meta: { rule: violation.rule, list: violation.list, pattern: violation.pattern, value },
  })
}

/**
 * 503 `policy_invalid`: a pattern that does not compile reached the gateway; the key fails closed.
 *
 * @example
 * throw policyInvalidError([{ rule: 'urls', pattern: '(', problem: 'is not a valid regular expression' }])
 */
export function policyInvalidError(
  problems: ReadonlyArray<PatternProblem & { rule: PolicyRuleName }>,
): GatewayError {
  const first = problems[0]
  return new GatewayError(
    'policy_invalid',
    `This key's policy rules cannot be applied: the ${first?.rule} pattern "${first?.pattern}" ${first?.problem}; fix it in the control plane`,
    { meta: { rule: first?.rule, pattern: first?.pattern }, retryable: false },
  )
}
