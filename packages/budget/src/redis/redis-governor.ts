// Budgets and rate limits shared by replicas: one Lua script per request in Redis or Valkey (ioredis).
import type { Redis } from 'ioredis'
import { type BudgetBreach, bucketKeyOf } from '../budgets/budget-enforcer.js'
import type { BudgetPlan, CompiledBudget } from '../budgets/compile-budget-plan.js'
import type { RateLimitDimension, RateLimits } from '../rate-limit/rate-limiter.js'
import { windowEndMs, windowStartMs } from '../windows/budget-window.js'
import { ADMIT_SCRIPT, RECONCILE_SCRIPT, SETTLE_SCRIPT, TOKENS_SETTLE_SCRIPT } from './admit-script.js'

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000
// Buckets outlive their window by a day, so a late settlement still finds its reservation.
const BUCKET_GRACE_MS = DAY_MS

/** What one request asks of the shared counters. */
export interface SharedAdmitInput {
  keyId: string
  /** null → no rate limits. */
  limits: RateLimits | null
  estimatedTokens: number
  /** null → no budgets. */
  plan: BudgetPlan | null
  estimateMicroUsd: number
  nowMs: number
  /** The request's end user: its bucket of each per-end-user template; null without templates. */
  endUserId?: string | null
}

/** A held reservation in Redis. */
export interface SharedReservation {
  readonly budgets: readonly CompiledBudget[]
  readonly keys: readonly string[]
  readonly amountMicroUsd: number
  readonly endUserId: string | null
  done: boolean
}

/** Outcome of {@link RedisGovernor.admit}. */
export type SharedAdmission =
  | {
      ok: true
      reservation: SharedReservation | null
      excludedProviders: readonly BudgetBreach[]
      /** `X-LangWatch-Budget-Warning` value, or null. */
      warning: string | null
      requestsThisMinute: number
      requestsToday: number
      /** Tokens counted this minute after this request (its input estimate included). */
      tokensThisMinute: number
      /** The TPM counter this request counted its estimate in, for {@link RedisGovernor.settleTokens}; null without TPM. */
      tokens: SharedTokens | null
    }
  | { ok: false; refusal: 'rate_limit'; dimension: RateLimitDimension; retryAfterS: number }
  | { ok: false; refusal: 'budget'; breach: BudgetBreach }

/** A TPM count taken on admit in Redis, settled to the actual tokens on completion. */
export interface SharedTokens {
  readonly key: string
  readonly minuteStartMs: number
  readonly estimatedTokens: number
  done: boolean
}

/** Options of {@link createRedisGovernor}. */
export interface RedisGovernorOptions {
  /** A connected ioredis (or iovalkey) client; its failures surface as rejected promises. */
  client: Redis
  /** Prefix of every key. Default `lwgw:`. */
  keyPrefix?: string
  /** Share of a limit from which the warning header is set, for budgets without their own `warn_ratio`. Default 0.8. */
  warnRatio?: number
}

/** The shared counters. */
export interface RedisGovernor {
  admit(input: SharedAdmitInput): Promise<SharedAdmission>
  settle(
    reservation: SharedReservation,
    actualMicroUsd: number,
    providerId: string | null,
    nowMs: number,
  ): Promise<void>
  release(reservation: SharedReservation, nowMs: number): Promise<void>
  /**
   * Replaces the TPM estimate counted on admit by the actual tokens, while still in the same
   * minute (as the in-process limiter does); once per admission.
   */
  settleTokens(tokens: SharedTokens, actualTokens: number, nowMs: number): Promise<void>
  /** Raises `endUserId`'s shared bucket of the template `budget` to the control plane's figure. */
  reconcileEndUser(
    budget: CompiledBudget,
    endUserId: string,
    spentMicroUsd: number,
    nowMs: number,
  ): Promise<void>
  /** Raises the shared spend to the control plane's figures of a freshly fetched config. */
  reconcile(plan: BudgetPlan, nowMs: number): Promise<void>
}

interface ScriptClient {
  lwgwAdmit(keys: number, ...args: (string | number)[]): Promise<(string | number)[]>
  lwgwSettle(keys: number, ...args: (string | number)[]): Promise<number>
  lwgwReconcile(keys: number, ...args: (string | number)[]): Promise<number>
  lwgwTokens(keys: number, ...args: (string | number)[]): Promise<number>
}

const secondsUntil = (endMs: number, nowMs: number) => Math.max(1, Math.ceil((endMs - nowMs) / 1000))

/**
 * Creates the Redis-backed governor. `admit` checks RPM/RPD/TPM and every budget bucket and
 * reserves in all of them inside one script (Redis runs scripts atomically), so N replicas
 * share one budget exactly. Buckets are keyed by budget, window and window start: a window
 * rolls over by time alone.
 *
 * @example
 * const governor = createRedisGovernor({ client: new Redis(url, { enableOfflineQueue: false }) })
 * const admission = await governor.admit({ keyId, limits, estimatedTokens, plan, estimateMicroUsd, nowMs })
 */
export function createRedisGovernor(options: RedisGovernorOptions): RedisGovernor {
  const prefix = options.keyPrefix ?? 'lwgw:'
  const warnRatio = options.warnRatio ?? 0.8
  const client = options.client
  client.defineCommand('lwgwAdmit', { lua: ADMIT_SCRIPT })
  client.defineCommand('lwgwSettle', { lua: SETTLE_SCRIPT })
  client.defineCommand('lwgwReconcile', { lua: RECONCILE_SCRIPT })
  client.defineCommand('lwgwTokens', { lua: TOKENS_SETTLE_SCRIPT })
  const scripts = client as unknown as ScriptClient

  const bucketKey = (budget: CompiledBudget, nowMs: number, endUserId: string | null = null) =>
    `${prefix}b:${bucketKeyOf(budget, endUserId)}|${windowStartMs(budget.window, nowMs)}`
  const bucketTtl = (budget: CompiledBudget, nowMs: number) => {
    const end = windowEndMs(budget.window, windowStartMs(budget.window, nowMs))
    return Number.isFinite(end) ? end - nowMs + BUCKET_GRACE_MS : 0
  }

  const apply = async (reservation: SharedReservation, charges: number[], nowMs: number) => {
    if (reservation.done || reservation.keys.length === 0) return
    reservation.done = true
    const current = reservation.budgets.map((budget) => bucketKey(budget, nowMs, reservation.endUserId))
    const ttls = reservation.budgets.map((budget) => bucketTtl(budget, nowMs))
    await scripts.lwgwSettle(
      reservation.keys.length * 2,
      ...reservation.keys,
      ...current,
      reservation.amountMicroUsd,
      ...charges,
      ...ttls,
    )
  }

  return {
    async admit(input) {
      const { nowMs, plan, limits } = input
      const endUserId = input.endUserId ?? null
      const minuteStart = nowMs - (nowMs % MINUTE_MS)
      const dayStart = nowMs - (nowMs % DAY_MS)
      const budgets = plan?.budgets ?? []
      const keys = [
        `${prefix}rl:${input.keyId}:m:${minuteStart}`,
        `${prefix}rl:${input.keyId}:d:${dayStart}`,
        `${prefix}rl:${input.keyId}:t:${minuteStart}`,
        ...budgets.map((budget) => bucketKey(budget, nowMs, endUserId)),
      ]
      const args: (string | number)[] = [
        limits?.rpm ?? -1,
        limits?.rpd ?? -1,
        limits?.tpm ?? -1,
        input.estimatedTokens,
        input.estimateMicroUsd,
        minuteStart + MINUTE_MS - nowMs + 1_000,
        dayStart + DAY_MS - nowMs + 1_000,
        budgets.length,
      ]
      for (const budget of budgets) {
        args.push(
          budget.limitMicroUsd,
          budget.block ? 1 : 0,
          budget.providerKey === null ? 0 : 1,
          bucketTtl(budget, nowMs),
        )
      }
      const answer = await scripts.lwgwAdmit(keys.length, ...keys, ...args)
      const code = Number(answer[0])
      if (code === 1) {
        const dimension = String(answer[1]) as RateLimitDimension
        const end = dimension === 'rpd' ? dayStart + DAY_MS : minuteStart + MINUTE_MS
        return { ok: false, refusal: 'rate_limit', dimension, retryAfterS: secondsUntil(end, nowMs) }
      }
      const resetsAt = (budget: CompiledBudget) => {
        const end = windowEndMs(budget.window, windowStartMs(budget.window, nowMs))
        return Number.isFinite(end) ? end : null
      }
      if (code === 2) {
        const budget = budgets[Number(answer[1]) - 1]!
        const breach: BudgetBreach = { budget, usedMicroUsd: Number(answer[2]), resetsAtMs: resetsAt(budget) }
        if (budget.perEndUser && endUserId !== null) breach.endUserId = endUserId
        return { ok: false, refusal: 'budget', breach }
      }
      const mask = String(answer[4])
      const held: CompiledBudget[] = []
      const heldKeys: string[] = []
      const excluded: BudgetBreach[] = []
      let warning: string | null = null
      budgets.forEach((budget, index) => {
        const used = Number(answer[5 + index])
        if (mask[index] === '1') {
          excluded.push({ budget, usedMicroUsd: used, resetsAtMs: resetsAt(budget) })
          return
        }
        held.push(budget)
        heldKeys.push(keys[3 + index]!)
        if (budget.limitMicroUsd > 0 && used >= budget.limitMicroUsd * (budget.warnRatio ?? warnRatio)) {
          const entry = `${budget.label}:${Math.floor((used * 100) / budget.limitMicroUsd)}`
          warning = warning === null ? entry : `${warning},${entry}`
        }
      })
      const reservation =
        held.length === 0
          ? null
          : { budgets: held, keys: heldKeys, amountMicroUsd: input.estimateMicroUsd, endUserId, done: false }
      return {
        ok: true,
        reservation,
        excludedProviders: excluded,
        warning,
        requestsThisMinute: Number(answer[1]),
        requestsToday: Number(answer[2]),
        tokensThisMinute: Number(answer[3]),
        tokens:
          limits !== null && limits.tpm !== null
            ? {
                key: keys[2]!,
                minuteStartMs: minuteStart,
                estimatedTokens: input.estimatedTokens,
                done: false,
              }
            : null,
      }
    },
    settle(reservation, actualMicroUsd, providerId, nowMs) {
      const charges = reservation.budgets.map((budget) =>
        budget.providerKey === null || budget.providerKey === providerId ? actualMicroUsd : 0,
      )
      return apply(reservation, charges, nowMs)
    },
    release(reservation, nowMs) {
      return apply(
        reservation,
        reservation.budgets.map(() => 0),
        nowMs,
      )
    },
    async settleTokens(tokens, actualTokens, nowMs) {
      if (tokens.done) return
      tokens.done = true
      const delta = actualTokens - tokens.estimatedTokens
      if (delta === 0 || nowMs - (nowMs % MINUTE_MS) !== tokens.minuteStartMs) return
      await scripts.lwgwTokens(1, tokens.key, delta)
    },
    async reconcileEndUser(budget, endUserId, spentMicroUsd, nowMs) {
      await scripts.lwgwReconcile(
        1,
        bucketKey(budget, nowMs, endUserId),
        spentMicroUsd,
        bucketTtl(budget, nowMs),
      )
    },
    async reconcile(plan, nowMs) {
      const current = plan.budgets.filter((budget) => {
        // A template's reported spend is no end user's: each bucket is reconciled on first sight.
        if (budget.perEndUser) return false
        const end = windowEndMs(budget.window, windowStartMs(budget.window, nowMs))
        return Number.isFinite(end)
          ? budget.reportedResetsAt === end / 1000
          : budget.reportedResetsAt === null
      })
      if (current.length === 0) return
      const args = current.flatMap((budget) => [budget.reportedSpentMicroUsd, bucketTtl(budget, nowMs)])
      await scripts.lwgwReconcile(
        current.length,
        ...current.map((budget) => bucketKey(budget, nowMs)),
        ...args,
      )
    },
  }
}
