// Reserve-before-dispatch over a key's budgets: check every bucket, then reserve in all, settle on completion.
import type { BudgetConfig } from '@gw/contract'
import {
  type BucketCounter,
  type BudgetCounters,
  createBudgetCounters,
  rollCounter,
} from './budget-counters.js'
import { type BudgetPlan, type CompiledBudget, compileBudgetPlan } from './compile-budget-plan.js'

/** Why a request (or a provider) was refused: the budget and its state. */
export interface BudgetBreach {
  budget: CompiledBudget
  /** Spent plus reserved in the current window, micro-USD. */
  usedMicroUsd: number
  /** Unix milliseconds of the next reset; null for `total`. */
  resetsAtMs: number | null
  /** The end user whose bucket of a per-end-user template is exhausted. */
  endUserId?: string
}

/** A reservation held by one request until it settles or is released. */
export interface BudgetReservation {
  readonly amountMicroUsd: number
  readonly budgets: readonly CompiledBudget[]
  readonly counters: readonly BucketCounter[]
  done: boolean
}

/** Outcome of {@link BudgetEnforcer.admit}. */
export type BudgetAdmission =
  | {
      ok: true
      reservation: BudgetReservation
      /** `X-LangWatch-Budget-Warning` value, or null below the warning ratio. */
      warning: string | null
      /** Provider-filtered `block` budgets this request would pass: drop these providers from the chain. */
      excludedProviders: readonly BudgetBreach[]
    }
  | { ok: false; breach: BudgetBreach }

/** Options for {@link createBudgetEnforcer}. */
export interface BudgetEnforcerOptions {
  /** Shared counters; default a new in-process set. */
  counters?: BudgetCounters
  /** Share of a limit from which responses carry the warning header, for budgets without their own `warn_ratio`. Default 0.8. */
  warnRatio?: number
}

/** Budget enforcement for one process. */
export interface BudgetEnforcer {
  /**
   * The compiled plan of a config's budgets, once per config object (cached by identity); on
   * first sight the counters take the control plane's `spent_micro_usd` for the current window.
   */
  planFor(config: { budgets: readonly BudgetConfig[] }, nowMs: number): BudgetPlan | null
  /**
   * Checks every bucket, then reserves `estimateMicroUsd` in each one that applies, or refuses.
   * A per-end-user template's bucket is `endUserId`'s own (the caller resolves it; null only
   * when the plan has no template).
   */
  admit(plan: BudgetPlan, estimateMicroUsd: number, nowMs: number, endUserId?: string | null): BudgetAdmission
  /** Whether this process holds `endUserId`'s bucket of the template `budget`. */
  hasEndUserBucket(budget: CompiledBudget, endUserId: string): boolean
  /** Raises `endUserId`'s bucket to the control plane's figure for the current window (never lowers it). */
  reconcileEndUser(budget: CompiledBudget, endUserId: string, spentMicroUsd: number, nowMs: number): void
  /** Replaces the reservation by the actual cost; provider-filtered buckets charge only `providerId`'s. */
  settle(
    reservation: BudgetReservation,
    actualMicroUsd: number,
    providerId: string | null,
    nowMs: number,
  ): void
  /** Drops the reservation (failure, or abort before any output). */
  release(reservation: BudgetReservation): void
}

const resetsAt = (counter: BucketCounter) =>
  Number.isFinite(counter.windowEndMs) ? counter.windowEndMs : null

/**
 * The counter key of a budget for a request: a template's bucket is the end user's own.
 *
 * @example
 * bucketKeyOf(budget, 'user-42') // 'bud_1|day|u:user-42' for a template, 'bud_1|day' otherwise
 */
export function bucketKeyOf(budget: CompiledBudget, endUserId: string | null | undefined): string {
  return budget.perEndUser ? `${budget.counterKey}|u:${endUserId ?? ''}` : budget.counterKey
}

function reconcile(counters: BudgetCounters, plan: BudgetPlan, nowMs: number): void {
  for (const budget of plan.budgets) {
    // A template's reported spend is not any end user's: each bucket is read on first sight.
    if (budget.perEndUser) continue
    const counter = counters.bucket(budget.counterKey, budget.window, nowMs)
    const end = resetsAt(counter)
    const sameWindow =
      end === null ? budget.reportedResetsAt === null : budget.reportedResetsAt === end / 1000
    // The control plane is the ledger: its figure replaces ours for the window it reports on.
    if (sameWindow) counter.spentMicroUsd = budget.reportedSpentMicroUsd
  }
}

function warningOf(
  budgets: readonly CompiledBudget[],
  counters: readonly BucketCounter[],
  warnRatio: number,
): string | null {
  let warning: string | null = null
  for (let index = 0; index < counters.length; index += 1) {
    const counter = counters[index]!
    const budget = budgets[index]!
    const used = counter.spentMicroUsd + counter.reservedMicroUsd
    if (budget.limitMicroUsd <= 0 || used < budget.limitMicroUsd * (budget.warnRatio ?? warnRatio)) continue
    const entry = `${budget.label}:${Math.floor((used * 100) / budget.limitMicroUsd)}`
    warning = warning === null ? entry : `${warning},${entry}`
  }
  return warning
}

/**
 * Creates an enforcer over in-process counters. `admit` runs without awaiting, so N concurrent
 * requests against a budget with room for K admit exactly K: no snapshot-then-count overshoot.
 *
 * @example
 * const enforcer = createBudgetEnforcer()
 * const plan = enforcer.planFor(config, Date.now())
 * if (plan !== null) {
 *   const admission = enforcer.admit(plan, 2_000, Date.now())
 *   if (!admission.ok) throw budgetExceededError(admission.breach)
 *   // … dispatch …
 *   enforcer.settle(admission.reservation, 1_234, 'mp_openai', Date.now())
 * }
 */
export function createBudgetEnforcer(options: BudgetEnforcerOptions = {}): BudgetEnforcer {
  const counters = options.counters ?? createBudgetCounters()
  const warnRatio = options.warnRatio ?? 0.8
  if (!(warnRatio > 0 && warnRatio <= 1)) throw new RangeError('warnRatio must be in (0, 1]')
  const plans = new WeakMap<object, BudgetPlan | null>()
  return {
    planFor(config, nowMs) {
      let plan = plans.get(config)
      if (plan === undefined) {
        plan = compileBudgetPlan(config.budgets)
        if (plan !== null) reconcile(counters, plan, nowMs)
        plans.set(config, plan)
      }
      return plan
    },
    admit(plan, estimateMicroUsd, nowMs, endUserId = null) {
      const held: BucketCounter[] = []
      const heldBudgets: CompiledBudget[] = []
      let excluded: BudgetBreach[] | undefined
      for (const budget of plan.budgets) {
        const counter = counters.bucket(
          budget.perEndUser ? bucketKeyOf(budget, endUserId) : budget.counterKey,
          budget.window,
          nowMs,
        )
        const used = counter.spentMicroUsd + counter.reservedMicroUsd
        // `used >= limit` also refuses a request whose estimate is 0 (a model without a price).
        if (
          budget.block &&
          (used + estimateMicroUsd > budget.limitMicroUsd || used >= budget.limitMicroUsd)
        ) {
          const breach: BudgetBreach = { budget, usedMicroUsd: used, resetsAtMs: resetsAt(counter) }
          if (budget.perEndUser && endUserId !== null) breach.endUserId = endUserId
          if (budget.providerKey === null) return { ok: false, breach }
          excluded ??= []
          excluded.push(breach)
          continue
        }
        held.push(counter)
        heldBudgets.push(budget)
      }
      for (const counter of held) counter.reservedMicroUsd += estimateMicroUsd
      const reservation = {
        amountMicroUsd: estimateMicroUsd,
        budgets: heldBudgets,
        counters: held,
        done: false,
      }
      const warning = warningOf(heldBudgets, held, warnRatio)
      return { ok: true, reservation, warning, excludedProviders: excluded ?? [] }
    },
    hasEndUserBucket(budget, endUserId) {
      return counters.has(bucketKeyOf(budget, endUserId))
    },
    reconcileEndUser(budget, endUserId, spentMicroUsd, nowMs) {
      const counter = counters.bucket(bucketKeyOf(budget, endUserId), budget.window, nowMs)
      counter.spentMicroUsd = Math.max(counter.spentMicroUsd, spentMicroUsd)
    },
    settle(reservation, actualMicroUsd, providerId, nowMs) {
      if (reservation.done) return
      reservation.done = true
      for (let index = 0; index < reservation.counters.length; index += 1) {
        const budget = reservation.budgets[index]!
        const counter = rollCounter(reservation.counters[index]!, budget.window, nowMs)
        counter.reservedMicroUsd = Math.max(0, counter.reservedMicroUsd - reservation.amountMicroUsd)
        if (budget.providerKey === null || budget.providerKey === providerId)
          counter.spentMicroUsd += actualMicroUsd
      }
    },
    release(reservation) {
      if (reservation.done) return
      reservation.done = true
      for (const counter of reservation.counters) {
        counter.reservedMicroUsd = Math.max(0, counter.reservedMicroUsd - reservation.amountMicroUsd)
      }
    },
  }
}
