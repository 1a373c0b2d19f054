// Step "policy": tool, MCP and URL rules on the request (before dispatch), model rules after "resolve model".

import type { GatewayKeyConfig } from '@gw/contract'
import {
  type CompiledPolicy,
  checkModelPolicy,
  checkRequestPolicy,
  governanceOf,
  policyInvalidError,
  policyViolationError,
} from '@gw/guardrails'
import { type RoutePlan, toolPolicyFields } from '@gw/providers'
import type { RequestContext } from '../http/request-context.js'
import type { RequestBody } from './request-state.js'

/** Throws 503 `policy_invalid` (and logs it) when the key's patterns did not compile. */
function failClosed(config: GatewayKeyConfig, context: RequestContext): void {
  const problems = governanceOf(config)?.policyProblems
  if (problems === undefined) return
  context.logger.error({ rule: problems[0]?.rule, pattern: problems[0]?.pattern }, 'policy_invalid')
  throw policyInvalidError(problems)
}

/**
 * What the request policy reads. Without URL rules only the top-level tool and MCP fields
 * matter: they are parsed alone from the bytes the scan read (a 200 KB agent turn is mostly
 * messages, and a parse of all of it cost more than the rest of the request). URL rules read
 * every string, so they get the parsed body; so does a body re-serialised since the scan, or one
 * whose tool fields do not parse (the full parse then gives the exact 400).
 */
function policyView(policy: CompiledPolicy, body: RequestBody): Record<string, unknown> {
  if (policy.urls === undefined) {
    const layout = body.scanned?.layout
    if (layout !== undefined && layout.source === body.raw) {
      const fields = toolPolicyFields(layout)
      if (fields !== undefined) return fields
    }
  }
  return body.parsed
}

/**
 * Checks tool names, MCP servers and URLs of the body against the key's policy rules (compiled
 * once per config revision). A key without rules returns after one WeakMap lookup, before the
 * body is parsed (`body.parsed` is lazy); rules on tools and MCP servers alone parse only those
 * fields (see `policyView`). Throws 403 `policy_violation` or 503 `policy_invalid`.
 *
 * @example
 * enforceRequestPolicy(state.key.config, state.body, state.context)
 */
export function enforceRequestPolicy(
  config: GatewayKeyConfig,
  body: RequestBody,
  context: RequestContext,
): void {
  const governance = governanceOf(config)
  if (governance === null) return
  if (governance.policyProblems !== undefined) failClosed(config, context)
  if (governance.policy === null) return
  const violation = checkRequestPolicy(governance.policy, policyView(governance.policy, body))
  if (violation !== undefined) throw policyViolationError(violation)
}

/**
 * Checks the requested model and the resolved one (`model` and `provider/model` of the first
 * candidate) against the `models` rules; fallback candidates whose model is denied are dropped
 * from the chain rather than failing the request.
 *
 * @example
 * state.plan = enforceModelPolicy(state.key.config, requested, state.plan)
 */
export function enforceModelPolicy(config: GatewayKeyConfig, requested: string, plan: RoutePlan): RoutePlan {
  const policy = governanceOf(config)?.policy
  if (policy === undefined || policy === null || policy.models === undefined) return plan
  const namesOf = (candidate: RoutePlan['candidates'][number]) => [
    candidate.model,
    `${candidate.provider.type}/${candidate.model}`,
    `${candidate.provider.id}/${candidate.model}`,
  ]
  const [primary, ...fallbacks] = plan.candidates
  if (primary === undefined) return plan
  const violation = checkModelPolicy(policy, [requested, ...namesOf(primary)])
  if (violation !== undefined) throw policyViolationError(violation)
  const allowed = fallbacks.filter((candidate) => checkModelPolicy(policy, namesOf(candidate)) === undefined)
  return allowed.length === fallbacks.length ? plan : { ...plan, candidates: [primary, ...allowed] }
}
