// Field builders for textual env values: strings, secrets, enums, URLs, lists and key=value maps.

import * as v from 'valibot'
import { assertValidDefault, defineEnvField, type EnvSchema, parsed } from './field-meta.js'
import { maskUrlSecrets } from './mask-url.js'
import { parseKeyValues } from './parse-key-values.js'
import { parseEnum, parseList, parseUrl } from './parse-scalars.js'

const masked = '***'

/**
 * A string used as written (not trimmed). Required unless a default is given.
 *
 * @example
 * v.object({ server: v.object({ addr: envString(':5563') }) }) // SERVER_ADDR, default ":5563"
 */
export function envString(defaultValue?: string): EnvSchema<string> {
  return defineEnvField(v.string(), {
    expected: 'a string',
    secret: false,
    optional: false,
    defaultValue,
    parse: parsed,
  })
}

/** Options of {@link envSecret}. */
export interface EnvSecretOptions {
  /** Unset is an error instead of `undefined`. Default false. */
  required?: boolean
  /** Refuse shorter values (in UTF-16 code units). Default 1. */
  minLength?: number
}

/**
 * A secret string, used as written and shown as `***` in errors and dumps. Optional (unset →
 * `undefined`) unless `required: true`.
 *
 * @example
 * const schema = v.object({
 *   jwtSecret: withEnvName(envSecret({ required: true, minLength: 32 }), 'LW_GATEWAY_JWT_SECRET'),
 *   jwtSecretPrevious: withEnvName(envSecret(), 'LW_GATEWAY_JWT_SECRET_PREVIOUS'),
 * })
 */
export function envSecret(options: EnvSecretOptions & { required: true }): EnvSchema<string>
export function envSecret(options?: EnvSecretOptions): EnvSchema<string | undefined>
export function envSecret({
  required = false,
  minLength = 1,
}: EnvSecretOptions = {}): EnvSchema<string | undefined> {
  return defineEnvField(v.string(), {
    expected: minLength > 1 ? `a secret of at least ${minLength} characters` : 'a non-empty secret',
    secret: true,
    optional: !required,
    defaultValue: undefined,
    parse: (raw) => (raw.length >= minLength ? parsed(raw) : { ok: false }),
    redact: () => masked,
  })
}

/**
 * One of `values`; matched exactly, else case-insensitively (`INFO` → `info`).
 *
 * @example
 * envEnum(['debug', 'info', 'warn', 'error'], 'info') // output type 'debug' | 'info' | 'warn' | 'error'
 */
export function envEnum<const T extends string>(values: readonly T[], defaultValue?: T): EnvSchema<T> {
  const expected = `one of ${values.join(', ')}`
  assertValidDefault('envEnum', defaultValue, values.includes(defaultValue as T), expected)
  return defineEnvField(v.picklist(values), {
    expected,
    secret: false,
    optional: false,
    defaultValue,
    parse: (raw) => parseEnum(raw, values),
  })
}

/** Options of {@link envUrl}. */
export interface EnvUrlOptions {
  /** Accepted schemes without the colon. Default `['http', 'https']`. */
  protocols?: readonly string[]
}

/**
 * An absolute URL, returned trimmed and otherwise as written.
 *
 * @example
 * withEnvName(envUrl('http://localhost:5560'), 'LW_GATEWAY_BASE_URL')
 * envUrl(undefined, { protocols: ['postgres', 'postgresql'] })
 */
export function envUrl(
  defaultValue?: string,
  { protocols = ['http', 'https'] }: EnvUrlOptions = {},
): EnvSchema<string> {
  const expected = `an absolute ${protocols.join(' or ')} URL`
  const isValidDefault = defaultValue === undefined || parseUrl(defaultValue, protocols).ok
  assertValidDefault('envUrl', defaultValue, isValidDefault, expected)
  return defineEnvField(v.string(), {
    expected,
    secret: false,
    optional: false,
    defaultValue,
    parse: (raw) => parseUrl(raw, protocols),
    // A URL may carry a password or a token: dumps show it masked.
    redact: (value) => (typeof value === 'string' ? maskUrlSecrets(value) : value),
  })
}

/**
 * A comma-separated list; items are trimmed and empty items dropped.
 *
 * @example
 * envList([]) // "a, b,,c" → ['a', 'b', 'c']
 */
export function envList(defaultValue?: readonly string[]): EnvSchema<string[]> {
  return defineEnvField(v.array(v.string()), {
    expected: 'a comma-separated list',
    secret: false,
    optional: false,
    defaultValue,
    parse: parseList,
  })
}

/** Options of {@link envKeyValues}. */
export interface EnvKeyValuesOptions {
  /** Mask the values (not the keys) in errors and dumps, e.g. for auth headers. Default false. */
  secret?: boolean
}

/**
 * Comma-separated `key=value` pairs with percent-encoded values (the OTLP headers form);
 * unset gives `{}`.
 *
 * @example
 * envKeyValues({ secret: true }) // "Authorization=Bearer%20abc,x-team=a" → { Authorization: 'Bearer abc', 'x-team': 'a' }
 */
export function envKeyValues({
  secret = false,
}: EnvKeyValuesOptions = {}): EnvSchema<Record<string, string>> {
  return defineEnvField(v.record(v.string(), v.string()), {
    expected: 'comma-separated key=value pairs like Authorization=Bearer%20token,x-team=a',
    secret,
    optional: false,
    defaultValue: {},
    parse: parseKeyValues,
    redact: secret ? (value) => maskValues(value as Record<string, string>) : undefined,
  })
}

function maskValues(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).map((key) => [key, masked]))
}
