// Field builders for numeric and boolean env values: integers, numbers, booleans, durations, bytes.
import * as v from 'valibot'
import { assertValidDefault, defineEnvField, type EnvSchema, type ParseResult } from './field-meta.js'
import { bytesExpected, parseBytes } from './parse-bytes.js'
import { type DurationUnit, describeDuration, parseDuration } from './parse-duration.js'
import {
  describeRange,
  isInRange,
  parseBoolean,
  parseInteger,
  parseNumber,
  type RangeOptions,
} from './parse-scalars.js'

/**
 * A safe integer, optionally bounded (inclusive).
 *
 * @example
 * envInteger(100, { min: 1, max: 10_000 })
 */
export function envInteger(defaultValue?: number, range: RangeOptions = {}): EnvSchema<number> {
  return defineRangedNumber(
    'envInteger',
    describeRange('an integer', range),
    parseInteger,
    defaultValue,
    range,
  )
}

/**
 * A finite decimal number, optionally bounded (inclusive).
 *
 * @example
 * envNumber(1, { min: 0, max: 1 }) // OTEL_SAMPLE_RATIO-style ratio
 */
export function envNumber(defaultValue?: number, range: RangeOptions = {}): EnvSchema<number> {
  return defineRangedNumber('envNumber', describeRange('a number', range), parseNumber, defaultValue, range)
}

/**
 * A boolean: true/false, 1/0, yes/no or on/off, case-insensitive.
 *
 * @example
 * envBoolean(false) // "TRUE" → true, "0" → false
 */
export function envBoolean(defaultValue?: boolean): EnvSchema<boolean> {
  return defineEnvField(v.boolean(), {
    expected: 'true or false (also 1/0, yes/no, on/off)',
    secret: false,
    optional: false,
    defaultValue,
    parse: parseBoolean,
  })
}

/** Options of {@link envDuration}. */
export interface EnvDurationOptions {
  /** The unit of a bare number such as `"5"`. Default `'s'` (for `*_SECONDS` variables). */
  unit?: DurationUnit
}

/**
 * A non-negative duration; the output is whole milliseconds.
 *
 * @example
 * envDuration(5_000) // "5s" → 5000, "1m30s" → 90000, "5" → 5000
 * envDuration(250, { unit: 'ms' }) // "250" → 250
 */
export function envDuration(defaultMs?: number, { unit = 's' }: EnvDurationOptions = {}): EnvSchema<number> {
  const expected = describeDuration(unit)
  const isValidDefault = Number.isSafeInteger(defaultMs) && (defaultMs as number) >= 0
  assertValidDefault('envDuration', defaultMs, isValidDefault, 'a whole number of milliseconds >= 0')
  return defineEnvField(v.number(), {
    expected,
    secret: false,
    optional: false,
    defaultValue: defaultMs,
    parse: (raw) => parseDuration(raw, unit),
  })
}

/**
 * A size in whole bytes: a bare integer or a number with a unit (B, KB, MB, GB, TB in powers
 * of 1000; KiB, MiB, GiB, TiB or Ki, Mi, Gi, Ti in powers of 1024), optionally bounded.
 *
 * @example
 * envBytes(32 * 1024 * 1024) // "33554432" → 33554432, "32MiB" → 33554432, "10MB" → 10000000
 */
export function envBytes(defaultValue?: number, range: RangeOptions = {}): EnvSchema<number> {
  const expected = describeRange(bytesExpected, range)
  const isValidDefault = Number.isSafeInteger(defaultValue) && (defaultValue as number) >= 0
  assertValidDefault(
    'envBytes',
    defaultValue,
    isValidDefault && isInRange(defaultValue as number, range),
    expected,
  )
  return defineEnvField(v.number(), {
    expected,
    secret: false,
    optional: false,
    defaultValue,
    parse: (raw) => withinRange(parseBytes(raw), range),
  })
}

function defineRangedNumber(
  builder: string,
  expected: string,
  parse: (raw: string) => ParseResult<number>,
  defaultValue: number | undefined,
  range: RangeOptions,
): EnvSchema<number> {
  const isValidDefault =
    defaultValue !== undefined && parse(String(defaultValue)).ok && isInRange(defaultValue, range)
  assertValidDefault(builder, defaultValue, isValidDefault, expected)
  return defineEnvField(v.number(), {
    expected,
    secret: false,
    optional: false,
    defaultValue,
    parse: (raw) => withinRange(parse(raw), range),
  })
}

function withinRange(result: ParseResult<number>, range: RangeOptions): ParseResult<number> {
  return result.ok && !isInRange(result.value, range) ? { ok: false } : result
}
