// Reads an end user's bucket from the control plane the first time this gateway meets it.
import type { BudgetEnforcer, CompiledBudget } from '@gw/budget'
import type { ControlPlaneClient } from '@gw/contract'
import type { Logger } from 'pino'
import type { SharedGovernance } from './shared-governance.js'

/** Most bucket reads in flight at once; past it a new end user is counted from zero. */
const MAX_IN_FLIGHT = 10_000
/** Most end-user buckets remembered as read (Redis mode); the oldest is forgotten past it. */
const MAX_SEEN = 100_000
const WARN_EVERY_MS = 60_000

/** Where a bucket's figure goes: this process's counters or Redis. */
export interface EndUserBucketStore {
  /** True when the bucket needs no read (already held or already read). */
  held(budget: CompiledBudget, endUserId: string): boolean
  /** Raises the bucket to the control plane's figure (0 when it could not be read). */
  raise(budget: CompiledBudget, endUserId: string, spentMicroUsd: number): Promise<void> | void
}

/** Options of {@link createEndUserSync}. */
export interface EndUserSyncOptions {
  client: Pick<ControlPlaneClient, 'getBudgetBucketSpend'>
  store: EndUserBucketStore
  logger: Logger
  now: () => number
}

/** The first-sight reads of end-user buckets. */
export interface EndUserSync {
  /**
   * Resolves once every template bucket of `endUserId` in `budgets` is reconciled with the
   * control plane; undefined at once when all are held. Concurrent requests of one new end user
   * share one read.
   */
  sync(budgets: readonly CompiledBudget[], endUserId: string): Promise<void> | undefined
}

/**
 * The store of end-user buckets: this process's counters, or Redis (which every replica
 * shares; this gateway remembers, bounded, which buckets it already read into it).
 *
 * @example
 * const store = createEndUserBucketStore(enforcer, shared, Date.now)
 */
export function createEndUserBucketStore(
  enforcer: BudgetEnforcer,
  shared: SharedGovernance | undefined,
  now: () => number,
): EndUserBucketStore {
  if (shared === undefined) {
    return {
      held: (budget, endUserId) => enforcer.hasEndUserBucket(budget, endUserId),
      raise: (budget, endUserId, spent) => enforcer.reconcileEndUser(budget, endUserId, spent, now()),
    }
  }
  const seen = new Set<string>()
  return {
    held: (budget, endUserId) => seen.has(`${budget.id}|${endUserId}`),
    raise: async (budget, endUserId, spent) => {
      const key = `${budget.id}|${endUserId}`
      if (seen.size >= MAX_SEEN) seen.delete(seen.values().next().value as string)
      seen.add(key)
      await shared.governor.reconcileEndUser(budget, endUserId, spent, now())
    },
  }
}

/**
 * Creates the reader. A read that fails (control plane down, unknown budget) leaves the bucket
 * counting from this gateway's own figures, logged as a warning at most once a minute; it is not
 * retried, so a control plane outage never adds a round trip per request.
 *
 * @example
 * const endUsers = createEndUserSync({ client, store, logger, now: Date.now })
 */
export function createEndUserSync(options: EndUserSyncOptions): EndUserSync {
  const { store } = options
  const inFlight = new Map<string, Promise<void>>()
  let lastWarnMs = Number.NEGATIVE_INFINITY
  const keyOf = (budget: CompiledBudget, endUserId: string) => `${budget.id}|${endUserId}`

  const read = async (budget: CompiledBudget, endUserId: string) => {
    let spent = 0
    try {
      spent = (await options.client.getBudgetBucketSpend(budget.id, endUserId)).spent_micro_usd
    } catch (error) {
      const nowMs = options.now()
      if (nowMs - lastWarnMs >= WARN_EVERY_MS) {
        lastWarnMs = nowMs
        options.logger.warn(
          { err: error instanceof Error ? error.message : String(error), budget_id: budget.id },
          'end_user_bucket_unreadable',
        )
      }
    }
    try {
      await store.raise(budget, endUserId, spent)
    } catch {
      // Redis unreachable: its failure mode applies when the request is admitted.
    }
  }

  return {
    sync(budgets, endUserId) {
      let pending: Promise<void>[] | undefined
      for (const budget of budgets) {
        if (!budget.perEndUser || store.held(budget, endUserId)) continue
        const key = keyOf(budget, endUserId)
        let reading = inFlight.get(key)
        if (reading === undefined) {
          if (inFlight.size >= MAX_IN_FLIGHT) continue
          reading = read(budget, endUserId).finally(() => inFlight.delete(key))
          inFlight.set(key, reading)
        }
        pending ??= []
        pending.push(reading)
      }
      return pending === undefined ? undefined : Promise.all(pending).then(() => undefined)
    },
  }
}
