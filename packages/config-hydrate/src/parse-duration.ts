// Parses durations such as "5s", "1m30s", "250ms", "2h" or a bare number into milliseconds.
import { notParsed, type ParseResult, parsedWhole } from './field-meta.js'

/** The unit a bare number (no suffix) is read in. */
export type DurationUnit = 'ms' | 's'

const unitMs: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }
const bareNumber = /^\d+(?:\.\d+)?$/
const component = /(\d+(?:\.\d+)?)(ms|s|m|h)/y

/**
 * Parses a non-negative duration into whole milliseconds. Components may be combined in any
 * order (`1h30m`, `1m30s`, `1.5s`); units are case-sensitive (`ms`, `s`, `m`, `h`). A bare
 * number is read in `bareUnit`. Fractions of a millisecond are refused, not rounded.
 *
 * @example
 * parseDuration('1m30s') // { ok: true, value: 90000 }
 * parseDuration('5') // { ok: true, value: 5000 }
 * parseDuration('250', 'ms') // { ok: true, value: 250 }
 * parseDuration('-1s') // { ok: false }
 */
export function parseDuration(raw: string, bareUnit: DurationUnit = 's'): ParseResult<number> {
  const text = raw.trim()
  if (bareNumber.test(text)) return parsedWhole(Number(text) * unitMs[bareUnit]!)
  let total = 0
  let position = 0
  component.lastIndex = 0
  while (position < text.length) {
    const match = component.exec(text)
    if (match === null) return notParsed
    total += Number(match[1]) * unitMs[match[2]!]!
    position = component.lastIndex
  }
  return position === 0 ? notParsed : parsedWhole(total)
}

/** The expected form of a duration, for error messages and docs. */
export function describeDuration(bareUnit: DurationUnit = 's'): string {
  const bare = bareUnit === 's' ? 'seconds' : 'milliseconds'
  return `a duration like 5s, 1m30s, 250ms or a number of ${bare}`
}
