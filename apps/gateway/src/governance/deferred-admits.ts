// Writes a request's admitSpend record only when the request is still running after a short delay.
import type { SpendSpool } from '@gw/budget'
import { type AdmitFacts, encodeAdmit } from './spend-records.js'

/** An admitted request; `held` is its reservation, whose `done` turns true once settled or released. */
export interface PendingAdmit extends AdmitFacts {
  held: { readonly done: boolean }
}

/** Holds admit records back; see {@link createDeferredAdmits}. */
export interface DeferredAdmits {
  /** Records the admit, now (delay 0) or once the delay passed if `held` is not done by then. */
  admit(pending: PendingAdmit): void
  /** Stops the timer and writes the admits of requests still running (graceful shutdown). */
  close(): void
}

/**
 * An admit moves no money in the ledger (only `confirmSpend` does); it is the evidence of a
 * request in flight. Most requests finish within `delayMs`: their confirm (or fail) is the only
 * record written, which halves the records the gateway encodes, writes and ships and the control
 * plane ingests. A request still running after `delayMs` to `2 × delayMs` gets its admit written
 * then, before its confirm. The cost: a gateway killed within that window leaves no record of
 * the requests it had just admitted (their reservations died with the process either way).
 * `delayMs` 0 writes every admit at once.
 *
 * @example
 * const admits = createDeferredAdmits(spool, 200)
 * admits.admit({ key, requestId, model, budgets, estimateMicroUsd, occurredAtMs, endUserId, held: reservation })
 */
export function createDeferredAdmits(spool: SpendSpool, delayMs: number): DeferredAdmits {
  const write = (pending: AdmitFacts): void => {
    spool.appendEncoded('admitSpend', encodeAdmit(pending))
  }
  if (delayMs <= 0) return { admit: write, close() {} }
  // Two generations: an admit pushed to `current` is checked on the second tick after it.
  let current: PendingAdmit[] = []
  let previous: PendingAdmit[] = []
  const sweep = (): void => {
    for (const pending of previous) if (!pending.held.done) write(pending)
    previous = current
    current = []
  }
  const timer = setInterval(sweep, delayMs)
  timer.unref()
  return {
    admit(pending) {
      current.push(pending)
    },
    close() {
      clearInterval(timer)
      sweep()
      sweep()
    },
  }
}
