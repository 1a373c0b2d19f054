// Parsers for the simple env value forms: integers, numbers, booleans, lists, URLs and enums.
import { notParsed, type ParseResult, parsed } from './field-meta.js'

/** Inclusive bounds for numeric fields. */
export interface RangeOptions {
  min?: number
  max?: number
}

const integerPattern = /^[+-]?\d+$/
const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i
const booleanWords: Record<string, boolean> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
  on: true,
  off: false,
}

/** Parses a safe integer (no fractions, no exponent), e.g. `"42"`, `"-1"`. */
export function parseInteger(raw: string): ParseResult<number> {
  const text = raw.trim()
  if (!integerPattern.test(text)) return notParsed
  const value = Number(text)
  return Number.isSafeInteger(value) ? parsed(value) : notParsed
}

/** Parses a finite decimal number, e.g. `"0.1"`, `"1e-3"`; refuses `NaN`, `Infinity` and hex. */
export function parseNumber(raw: string): ParseResult<number> {
  const text = raw.trim()
  if (!numberPattern.test(text)) return notParsed
  const value = Number(text)
  return Number.isFinite(value) ? parsed(value) : notParsed
}

/** Parses true/false, 1/0, yes/no, on/off, case-insensitively. */
export function parseBoolean(raw: string): ParseResult<boolean> {
  const value = booleanWords[raw.trim().toLowerCase()]
  return value === undefined ? notParsed : parsed(value)
}

/** Splits on commas, trims each item and drops empty items. */
export function parseList(raw: string): ParseResult<string[]> {
  return parsed(
    raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )
}

/**
 * Accepts an absolute URL whose scheme is in `protocols` and returns it trimmed but otherwise as
 * written (`new URL()` would append a slash to a bare origin, which surprises path joins).
 */
export function parseUrl(raw: string, protocols: readonly string[]): ParseResult<string> {
  const text = raw.trim()
  if (!URL.canParse(text)) return notParsed
  const { protocol, host } = new URL(text)
  if (!protocols.includes(protocol.slice(0, -1))) return notParsed
  // "localhost:5560" parses with the scheme "localhost:"; a hostless http URL is a typo.
  if ((protocol === 'http:' || protocol === 'https:') && host === '') return notParsed
  return parsed(text)
}

/** Matches one of `values`, exactly or else case-insensitively, returning the listed spelling. */
export function parseEnum<T extends string>(raw: string, values: readonly T[]): ParseResult<T> {
  const text = raw.trim()
  const exact = values.find((value) => value === text)
  if (exact !== undefined) return parsed(exact)
  const folded = values.filter((value) => value.toLowerCase() === text.toLowerCase())
  return folded.length === 1 ? parsed(folded[0] as T) : notParsed
}

/** True when `value` lies within the inclusive bounds. */
export function isInRange(value: number, { min, max }: RangeOptions): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max)
}

/** Appends the bounds to an expected form: `an integer` → `an integer between 1 and 10`. */
export function describeRange(expected: string, { min, max }: RangeOptions): string {
  if (min !== undefined && max !== undefined) return `${expected} between ${min} and ${max}`
  if (min !== undefined) return `${expected} >= ${min}`
  if (max !== undefined) return `${expected} <= ${max}`
  return expected
}
