// Public API of @gw/budget: budget windows, reservation over in-process counters, rate limits, Redis-shared counters, spend spool.

export type { BucketCounter, BudgetCounters, BudgetCountersOptions } from './budgets/budget-counters.js'
export { createBudgetCounters, rollCounter } from './budgets/budget-counters.js'
export type {
  BudgetAdmission,
  BudgetBreach,
  BudgetEnforcer,
  BudgetEnforcerOptions,
  BudgetReservation,
} from './budgets/budget-enforcer.js'
export { bucketKeyOf, createBudgetEnforcer } from './budgets/budget-enforcer.js'
export { budgetExceededError } from './budgets/budget-errors.js'
export type { BudgetPlan, CompiledBudget } from './budgets/compile-budget-plan.js'
export { compileBudgetPlan } from './budgets/compile-budget-plan.js'
export type { CostEstimateInput, TokenPrice } from './estimate/estimate-cost.js'
export { estimateCostMicroUsd, estimateInputTokens } from './estimate/estimate-cost.js'
export { microUsdToUsd, usdToMicroUsd } from './money/micro-usd.js'
export {
  type HeaderTarget,
  rateLimitedError,
  rateLimitHeaders,
  setRateLimitHeaders,
} from './rate-limit/rate-limit-response.js'
export type {
  RateLimitDecision,
  RateLimitDimension,
  RateLimiter,
  RateLimiterOptions,
  RateLimits,
} from './rate-limit/rate-limiter.js'
export { createRateLimiter, hasRateLimits } from './rate-limit/rate-limiter.js'
export type {
  RedisGovernor,
  RedisGovernorOptions,
  SharedAdmission,
  SharedAdmitInput,
  SharedReservation,
  SharedTokens,
} from './redis/redis-governor.js'
export { createRedisGovernor } from './redis/redis-governor.js'
export type { SpendSpool, SpendSpoolOptions, SpendSpoolStats } from './spool/spend-spool.js'
export { createSpendSpool } from './spool/spend-spool.js'
export type { BudgetWindow } from './windows/budget-window.js'
export {
  budgetWindows,
  isBudgetWindow,
  resetsAtSeconds,
  windowEndMs,
  windowStartMs,
} from './windows/budget-window.js'
