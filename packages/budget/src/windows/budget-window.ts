// Budget windows in UTC: minute, hour, day, week (starting Monday), month, and total (never resets).

/** Every window a budget can count over. */
export const budgetWindows = ['minute', 'hour', 'day', 'week', 'month', 'total'] as const

/** A budget window name. */
export type BudgetWindow = (typeof budgetWindows)[number]

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
// 1970-01-01 was a Thursday: the Monday before it is 3 days earlier.
const MONDAY_OFFSET_MS = 3 * DAY_MS

/** True for a known window name. */
export function isBudgetWindow(value: string): value is BudgetWindow {
  return (budgetWindows as readonly string[]).includes(value)
}

/**
 * Start of the window containing `nowMs`, in unix milliseconds (0 for `total`).
 *
 * @example
 * windowStartMs('week', Date.UTC(2026, 11, 6)) // Monday 2026-11-30T00:00Z
 */
export function windowStartMs(window: BudgetWindow, nowMs: number): number {
  switch (window) {
    case 'minute':
      return nowMs - (nowMs % MINUTE_MS)
    case 'hour':
      return nowMs - (nowMs % HOUR_MS)
    case 'day':
      return nowMs - (nowMs % DAY_MS)
    case 'week':
      return nowMs - ((((nowMs + MONDAY_OFFSET_MS) % (7 * DAY_MS)) + 7 * DAY_MS) % (7 * DAY_MS))
    case 'month': {
      const date = new Date(nowMs)
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
    }
    case 'total':
      return 0
  }
}

/**
 * End (exclusive) of the window that starts at `startMs`; `Infinity` for `total`.
 *
 * @example
 * windowEndMs('month', Date.UTC(2026, 1, 1)) === Date.UTC(2026, 2, 1)
 */
export function windowEndMs(window: BudgetWindow, startMs: number): number {
  switch (window) {
    case 'minute':
      return startMs + MINUTE_MS
    case 'hour':
      return startMs + HOUR_MS
    case 'day':
      return startMs + DAY_MS
    case 'week':
      return startMs + 7 * DAY_MS
    case 'month': {
      const date = new Date(startMs)
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)
    }
    case 'total':
      return Number.POSITIVE_INFINITY
  }
}

/**
 * Unix seconds when the window containing `nowMs` resets, or null for `total`: the
 * `resets_at` of the `/config` document.
 *
 * @example
 * resetsAtSeconds('day', Date.UTC(2026, 0, 1, 13)) === Date.UTC(2026, 0, 2) / 1000
 */
export function resetsAtSeconds(window: BudgetWindow, nowMs: number): number | null {
  const end = windowEndMs(window, windowStartMs(window, nowMs))
  return Number.isFinite(end) ? end / 1000 : null
}
