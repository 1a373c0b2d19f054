// Writes a request's admitSpend record only when the request is still running after a short delay.
import type { SpendSpool } from '@gw/budget'
import { type AdmitFacts, encodeAdmit } from './spend-records.js'

/** An admitted request; `held` is its reservation, whose `done` turns true once settled or released. */
export interface PendingAdmit extends AdmitFacts {
  held: { readonly done: boolean }
}

/** Holds admit records back; see {@link createDeferredAdmits}. */
export interface DeferredAdmits {
  /**
   * Records the admit, now (delay 0) or once the delay passed if the request is still running
   * then. Returns the ticket to hand to {@link DeferredAdmits.finish} (-1: nothing is held).
   */
  admit(pending: PendingAdmit): number
  /** The request ended (settled or released): its admit is dropped and no longer referenced. */
  finish(ticket: number): void
  /** Stops the timer and writes the admits of requests still running (graceful shutdown). */
  close(): void
}

/** Admits one generation holds at most; past it an admit is written at once. */
const GENERATION_SLOTS = 2 ** 24

/**
 * An admit moves no money in the ledger (only `confirmSpend` does); it is the evidence of a
 * request in flight. Most requests finish within `delayMs`: their confirm (or fail) is the only
 * record written, which halves the records the gateway encodes, writes and ships and the control
 * plane ingests. A request still running after `delayMs` to `2 × delayMs` gets its admit written
 * then, before its confirm. The cost: a gateway killed within that window leaves no record of
 * the requests it had just admitted (their reservations died with the process either way).
 * `delayMs` 0 writes every admit at once.
 *
 * A finished request's entry is cleared at once (`finish`), not at the next sweep: held for the
 * whole delay, every admit (and the request id and reservation it points to) would outlive a
 * few young-generation collections and be copied into the old generation, for nothing.
 *
 * @example
 * const admits = createDeferredAdmits(spool, 200)
 * const ticket = admits.admit({ key, requestId, model, budgets, estimateMicroUsd, occurredAtMs, endUserId, held: reservation })
 * // … the request completes …
 * admits.finish(ticket)
 */
export function createDeferredAdmits(spool: SpendSpool, delayMs: number): DeferredAdmits {
  const write = (pending: AdmitFacts): void => {
    spool.appendEncoded('admitSpend', encodeAdmit(pending))
  }
  if (delayMs <= 0) {
    return {
      admit(pending) {
        write(pending)
        return -1
      },
      finish() {},
      close() {},
    }
  }
  // Two generations: an admit pushed to `current` is checked on the second tick after it. A
  // ticket is `generation × GENERATION_SLOTS + index`.
  // The timer runs only while a generation holds admits: a gateway whose keys have no budgets (or
  // an idle one) is not woken five times a second for nothing.
  let generation = 0
  let current: (PendingAdmit | undefined)[] = []
  let previous: (PendingAdmit | undefined)[] = []
  let timer: NodeJS.Timeout | null = null
  const sweep = (): void => {
    for (const pending of previous) if (pending !== undefined && !pending.held.done) write(pending)
    previous = current
    current = []
    generation += 1
    if (previous.length === 0 && timer !== null) {
      clearInterval(timer)
      timer = null
    }
  }
  return {
    admit(pending) {
      if (current.length >= GENERATION_SLOTS) {
        write(pending)
        return -1
      }
      if (timer === null) {
        timer = setInterval(sweep, delayMs)
        timer.unref()
      }
      current.push(pending)
      return generation * GENERATION_SLOTS + current.length - 1
    },
    finish(ticket) {
      if (ticket < 0) return
      const of = Math.floor(ticket / GENERATION_SLOTS)
      const index = ticket - of * GENERATION_SLOTS
      if (of === generation) current[index] = undefined
      else if (of === generation - 1) previous[index] = undefined
    },
    close() {
      if (timer !== null) clearInterval(timer)
      timer = null
      sweep()
      sweep()
    },
  }
}
