// Metadata the hydrator reads from env field schemas, kept in a WeakMap keyed by schema object.
import type * as v from 'valibot'
import { findInChain } from './schema-chain.js'

/** Outcome of turning one raw environment string into a typed value. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false }

/** What the hydrator knows about one env field. */
export interface EnvFieldMeta {
  /** The expected form, phrased to follow "expected", e.g. `an integer between 1 and 10`. */
  readonly expected: string
  /** Masked in errors and dumps. */
  readonly secret: boolean
  /** Unset is fine and yields `undefined` (for optional secrets); otherwise unset needs a default. */
  readonly optional: boolean
  /** Applies when the variable is unset; `undefined` means no default. Copied before use. */
  readonly defaultValue: unknown
  /** Turns a non-empty raw value into the typed value. */
  readonly parse: (raw: string) => ParseResult<unknown>
  /** Shows a parsed value in a redacted dump; defaults to the value itself (or `***` for secrets). */
  readonly redact?: (value: unknown) => unknown
}

/** A valibot schema produced by one of the `env*` field builders. */
export type EnvSchema<TOutput> = v.GenericSchema<unknown, TOutput>

const fieldMetas = new WeakMap<object, EnvFieldMeta>()

/**
 * Registers `meta` for `schema` and returns the schema typed by its output; the way to add a
 * field type of your own. `schema` validates the parsed value (use a fresh schema object).
 *
 * @example
 * const envPort = (port?: number) =>
 *   defineEnvField<number>(v.number(), { expected: 'a port', secret: false, optional: false, defaultValue: port,
 *     parse: (raw) => (/^\d{1,5}$/.test(raw) && Number(raw) < 65536 ? parsed(Number(raw)) : notParsed) })
 */
export function defineEnvField<TOutput>(schema: v.GenericSchema, meta: EnvFieldMeta): EnvSchema<TOutput> {
  fieldMetas.set(schema, meta)
  return schema as EnvSchema<TOutput>
}

/** Refuses, when the schema is defined, a default that the field could never parse to. */
export function assertValidDefault(
  builder: string,
  value: unknown,
  isValid: boolean,
  expected: string,
): void {
  if (value !== undefined && !isValid) {
    throw new TypeError(`${builder}: default ${JSON.stringify(value)} is not ${expected}`)
  }
}

/** The field metadata of `schema`, looking through `v.pipe(...)` wrappers; undefined for groups. */
export function findFieldMeta(schema: v.GenericSchema): EnvFieldMeta | undefined {
  return findInChain(schema, (candidate) => fieldMetas.get(candidate))
}

/** A successful parse of `value`. */
export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value }
}

/** A failed parse; the field's `expected` text explains the form. */
export const notParsed: ParseResult<never> = { ok: false }

/**
 * Accepts `value` as a safe integer, tolerating the drift of decimal arithmetic
 * (`1.1 * 1e6` is 1100000.0000000002) while still refusing real fractions.
 */
export function parsedWhole(value: number): ParseResult<number> {
  const rounded = Math.round(value)
  if (Math.abs(value - rounded) > 1e-6 || !Number.isSafeInteger(rounded)) return notParsed
  return parsed(rounded)
}
