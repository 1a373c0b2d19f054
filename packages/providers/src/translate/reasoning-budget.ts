// Maps reasoning effort levels to Anthropic thinking budgets and back.
import type { CanonicalReasoning, ReasoningEffort } from '../canonical/types.js'

/** Anthropic's smallest accepted `thinking.budget_tokens`. */
export const minThinkingBudget = 1024

/** Thinking budget per effort level when the client gave an effort but no budget. */
export const thinkingBudgetByEffort: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 1024,
  low: 1024,
  medium: 4096,
  high: 16384,
  xhigh: 32768,
}

/**
 * The thinking budget for reasoning settings, or `undefined` when no thinking is asked for.
 *
 * @example
 * thinkingBudget({ effort: 'medium' }) // 4096
 */
export function thinkingBudget(reasoning: CanonicalReasoning | undefined): number | undefined {
  if (reasoning === undefined || reasoning.effort === 'none') return undefined
  if (reasoning.budgetTokens !== undefined) return Math.max(minThinkingBudget, reasoning.budgetTokens)
  return reasoning.effort === undefined ? undefined : thinkingBudgetByEffort[reasoning.effort]
}

/**
 * The effort level for reasoning settings: the client's own level, else derived from the budget
 * (≤ 1024 → low, ≤ 8192 → medium, more → high).
 *
 * @example
 * reasoningEffort({ budgetTokens: 10000 }) // 'high'
 */
export function reasoningEffort(reasoning: CanonicalReasoning | undefined): ReasoningEffort | undefined {
  if (reasoning === undefined) return undefined
  if (reasoning.effort !== undefined) return reasoning.effort
  if (reasoning.budgetTokens === undefined) return undefined
  if (reasoning.budgetTokens <= 1024) return 'low'
  return reasoning.budgetTokens <= 8192 ? 'medium' : 'high'
}
