// One pass over the bytes of a small, plain JSON object (a response's usage), its keys reused across calls.
import * as Byte from './json-bytes.js'

/** Returned while reading when the bytes need the full `JSON.parse` (see {@link readPlainJsonObject}). */
const BAIL: unique symbol = Symbol('bail')
type Read = unknown | typeof BAIL

const MINUS = 0x2d
const ZERO = 0x30
const NINE = 0x39
const MAX_DEPTH = 8
/** Integers up to 15 digits are exact as doubles and summed digit by digit; longer ones go to JSON.parse. */
const MAX_DIGITS = 15
const KEY_CACHE_SLOTS = 256
/** Longer keys are read each time, never kept. */
const KEY_CACHE_MAX_BYTES = 64

const TRUE = Buffer.from('true')
const FALSE = Buffer.from('false')
const NULL = Buffer.from('null')

/** Key strings by a hash of their bytes: the same few keys come back in every usage object. */
const keyBytes: (Buffer | undefined)[] = new Array(KEY_CACHE_SLOTS).fill(undefined)
const keyTexts: string[] = new Array(KEY_CACHE_SLOTS).fill('')

/** Where the last value read ended (one past its last byte). */
let cursor = 0

function skipSpace(raw: Buffer, index: number): number {
  for (;;) {
    const byte = raw[index]
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return index
    index++
  }
}

function sameBytes(raw: Buffer, start: number, end: number, known: Buffer): boolean {
  if (known.length !== end - start) return false
  for (let index = 0; index < known.length; index++) if (known[index] !== raw[start + index]) return false
  return true
}

// Printable ASCII without escapes only: anything else (an escape, a control or non-ASCII byte) bails.
function readString(raw: Buffer, at: number, isKey: boolean): Read {
  const start = at + 1
  let index = start
  let hash = 0
  for (;;) {
    const byte = raw[index]
    if (byte === undefined || byte === Byte.BACKSLASH || byte < 0x20 || byte > 0x7e) return BAIL
    if (byte === Byte.QUOTE) break
    hash = (hash * 31 + byte) | 0
    index++
  }
  cursor = index + 1
  if (!isKey) return raw.toString('latin1', start, index)
  const slot = (hash ^ (index - start)) & (KEY_CACHE_SLOTS - 1)
  const known = keyBytes[slot]
  if (known !== undefined && sameBytes(raw, start, index, known)) return keyTexts[slot]
  const text = raw.toString('latin1', start, index)
  if (index - start <= KEY_CACHE_MAX_BYTES) {
    keyBytes[slot] = Buffer.from(raw.subarray(start, index))
    keyTexts[slot] = text
  }
  return text
}

// Integers without leading zeros, up to MAX_DIGITS digits; fractions and exponents bail.
function readNumber(raw: Buffer, at: number): Read {
  const negative = raw[at] === MINUS
  const digits = negative ? at + 1 : at
  const first = raw[digits]
  if (first === undefined || first < ZERO || first > NINE) return BAIL
  let value = first - ZERO
  let index = digits + 1
  if (first !== ZERO) {
    for (;;) {
      const byte = raw[index]
      if (byte === undefined || byte < ZERO || byte > NINE) break
      if (index - digits >= MAX_DIGITS) return BAIL
      value = value * 10 + (byte - ZERO)
      index++
    }
  }
  const next = raw[index]
  if (next === 0x2e || next === 0x65 || next === 0x45 || (next !== undefined && next >= ZERO && next <= NINE))
    return BAIL
  cursor = index
  return negative ? -value : value
}

function readLiteral(raw: Buffer, at: number, literal: Buffer, value: boolean | null): Read {
  if (!sameBytes(raw, at, at + literal.length, literal)) return BAIL
  cursor = at + literal.length
  return value
}

function readValue(raw: Buffer, at: number, depth: number): Read {
  const byte = raw[at]
  if (byte === Byte.OPEN_BRACE) return readObject(raw, at, depth + 1)
  if (byte === Byte.QUOTE) return readString(raw, at, false)
  if (byte === MINUS || (byte !== undefined && byte >= ZERO && byte <= NINE)) return readNumber(raw, at)
  if (byte === Byte.OPEN_BRACKET) return readArray(raw, at, depth + 1)
  if (byte === 0x74) return readLiteral(raw, at, TRUE, true)
  if (byte === 0x66) return readLiteral(raw, at, FALSE, false)
  if (byte === 0x6e) return readLiteral(raw, at, NULL, null)
  return BAIL
}

const ENDED = -1
const MALFORMED = -2

/**
 * After a member read up to `cursor`: the index of the next member (past a comma), ENDED when
 * `close` ends the container (`cursor` then past it), or MALFORMED.
 */
function nextMember(raw: Buffer, close: number): number {
  const index = skipSpace(raw, cursor)
  const byte = raw[index]
  if (byte === Byte.COMMA) return skipSpace(raw, index + 1)
  if (byte !== close) return MALFORMED
  cursor = index + 1
  return ENDED
}

function readArray(raw: Buffer, at: number, depth: number): Read {
  if (depth > MAX_DEPTH) return BAIL
  const array: unknown[] = []
  let index = skipSpace(raw, at + 1)
  if (raw[index] === Byte.CLOSE_BRACKET) {
    cursor = index + 1
    return array
  }
  for (;;) {
    const value = readValue(raw, index, depth)
    if (value === BAIL) return BAIL
    array.push(value)
    index = nextMember(raw, Byte.CLOSE_BRACKET)
    if (index === ENDED) return array
    if (index === MALFORMED) return BAIL
  }
}

function readObject(raw: Buffer, at: number, depth: number): Read {
  if (depth > MAX_DEPTH) return BAIL
  const object: Record<string, unknown> = {}
  let index = skipSpace(raw, at + 1)
  if (raw[index] === Byte.CLOSE_BRACE) {
    cursor = index + 1
    return object
  }
  for (;;) {
    if (raw[index] !== Byte.QUOTE) return BAIL
    const key = readString(raw, index, true)
    // `__proto__` would set the prototype by assignment, where JSON.parse makes an own property.
    if (key === BAIL || key === '__proto__') return BAIL
    index = skipSpace(raw, cursor)
    if (raw[index] !== Byte.COLON) return BAIL
    const value = readValue(raw, skipSpace(raw, index + 1), depth)
    if (value === BAIL) return BAIL
    object[key as string] = value
    index = nextMember(raw, Byte.CLOSE_BRACE)
    if (index === ENDED) return object
    if (index === MALFORMED) return BAIL
  }
}

/**
 * Reads the JSON object whose `{` is at `start`, as `JSON.parse` of exactly its bytes would,
 * when it is plain: ASCII strings without escapes, integers of up to 15 digits, `true`,
 * `false`, `null`, arrays and objects up to 8 deep. Returns undefined for anything else (the
 * caller then uses `JSON.parse`, which also decides what is malformed). Key strings are kept in
 * a 256-slot table by their bytes (up to 64 bytes long), so the keys every usage object repeats are not rebuilt.
 *
 * @example
 * readPlainJsonObject(Buffer.from('{"prompt_tokens":3,"details":{"cached_tokens":0}}'), 0)
 * // → { prompt_tokens: 3, details: { cached_tokens: 0 } }
 */
export function readPlainJsonObject(raw: Buffer, start: number): Record<string, unknown> | undefined {
  if (raw[start] !== Byte.OPEN_BRACE) return undefined
  const value = readObject(raw, start, 1)
  return value === BAIL ? undefined : (value as Record<string, unknown>)
}
