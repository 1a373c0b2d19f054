// Byte-level JSON helpers of the request scanner: skip a value (bounded nesting), classify it, check `messages`.
import * as Byte from '../utils/json-bytes.js'

/** The JSON type of a scanned value; `integer` is a safe integer written without fraction or exponent. */
export type ValueKind =
  | 'string'
  | 'integer'
  | 'number'
  | 'doubtful-number'
  | 'true'
  | 'false'
  | 'null'
  | 'array'
  | 'object'

/** Deepest nesting the scanner follows; deeper bodies are left to JSON.parse. */
export const MAX_SCAN_DEPTH = 64
// One stack for every scan: scans are synchronous, so they never interleave.
const stack = new Uint8Array(MAX_SCAN_DEPTH)

function isSpace(byte: number | undefined): boolean {
  return byte === 32 || byte === 10 || byte === 13 || byte === 9
}

function skipSpace(raw: Buffer, index: number): number {
  while (index < raw.length && isSpace(raw[index])) index++
  return index
}

/**
 * Index just past the string whose opening quote is at `index`, or -1 when it never closes.
 * `indexOf` finds each quote at memchr speed; a quote after an odd run of backslashes is escaped.
 */
export function skipString(raw: Buffer, index: number): number {
  let cursor = index + 1
  for (;;) {
    const quote = raw.indexOf(Byte.QUOTE, cursor)
    if (quote === -1) return -1
    let backslashes = 0
    while (raw[quote - 1 - backslashes] === Byte.BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return quote + 1
    cursor = quote + 1
  }
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 48 && byte <= 57
}

/** Index past a number in JSON's grammar starting at `index`, or -1. */
function skipNumber(raw: Buffer, index: number): number {
  if (raw[index] === 45) index++
  if (raw[index] === 48) index++
  else if (isDigit(raw[index])) while (isDigit(raw[index])) index++
  else return -1
  if (raw[index] === 46) {
    index++
    if (!isDigit(raw[index])) return -1
    while (isDigit(raw[index])) index++
  }
  if (raw[index] === 101 || raw[index] === 69) {
    index++
    if (raw[index] === 43 || raw[index] === 45) index++
    if (!isDigit(raw[index])) return -1
    while (isDigit(raw[index])) index++
  }
  return index
}

function skipLiteral(raw: Buffer, index: number, literal: string): number {
  for (let offset = 1; offset < literal.length; offset++) {
    if (raw[index + offset] !== literal.charCodeAt(offset)) return -1
  }
  return index + literal.length
}

/** Index past an array or object opening at `index` (brackets must match, strings skipped), or -1. */
function skipNested(raw: Buffer, index: number): number {
  let depth = 0
  while (index < raw.length) {
    const byte = raw[index]
    if (byte === Byte.QUOTE) {
      index = skipString(raw, index)
      if (index === -1) return -1
      continue
    }
    if (byte === Byte.OPEN_BRACE || byte === Byte.OPEN_BRACKET) {
      if (depth === MAX_SCAN_DEPTH) return -1
      stack[depth++] = byte
    } else if (byte === Byte.CLOSE_BRACE || byte === Byte.CLOSE_BRACKET) {
      if (depth === 0 || stack[depth - 1] !== byte - 2) return -1
      depth--
      if (depth === 0) return index + 1
    }
    index++
  }
  return -1
}

/**
 * Index just past the JSON value starting at `index`, or -1 when it is not one this scanner
 * reads: literals and numbers are checked against JSON's grammar, arrays and objects for
 * matching brackets within {@link MAX_SCAN_DEPTH}.
 *
 * @example
 * skipValue(Buffer.from('[1,{"a":"]"}] '), 0) // → 13
 */
export function skipValue(raw: Buffer, index: number): number {
  const first = raw[index]
  if (first === Byte.QUOTE) return skipString(raw, index)
  if (first === Byte.OPEN_BRACE || first === Byte.OPEN_BRACKET) return skipNested(raw, index)
  if (first === 116) return skipLiteral(raw, index, 'true')
  if (first === 102) return skipLiteral(raw, index, 'false')
  if (first === 110) return skipLiteral(raw, index, 'null')
  if (first === 45 || isDigit(first)) return skipNumber(raw, index)
  return -1
}

/**
 * The kind of the value at `[start, end)` (already skipped by {@link skipValue}).
 *
 * @example
 * valueKind(Buffer.from('12.5'), 0, 4) // → 'number'
 */
export function valueKind(raw: Buffer, start: number, end: number): ValueKind {
  const first = raw[start]
  if (first === Byte.QUOTE) return 'string'
  if (first === Byte.OPEN_BRACE) return 'object'
  if (first === Byte.OPEN_BRACKET) return 'array'
  if (first === 116) return 'true'
  if (first === 102) return 'false'
  if (first === 110) return 'null'
  let plain = true
  for (let index = start; index < end; index++) {
    const byte = raw[index]
    if (byte === 101 || byte === 69) return 'doubtful-number'
    if (byte === 46) plain = false
  }
  // 15 digits stay within Number.MAX_SAFE_INTEGER; 300 stay finite.
  if (plain && end - start <= 15) return 'integer'
  return end - start <= 300 ? 'number' : 'doubtful-number'
}

/**
 * Whether `[start, end)` holds a backslash (a short loop: `indexOf` would search past `end`).
 *
 * @example
 * hasBackslash(Buffer.from('"a\\n"'), 0, 5) // → true
 */
export function hasBackslash(raw: Buffer, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (raw[index] === Byte.BACKSLASH) return true
  return false
}

function keyIs(raw: Buffer, start: number, end: number, name: string): boolean {
  if (end - start - 2 !== name.length) return false
  for (let offset = 0; offset < name.length; offset++) {
    if (raw[start + 1 + offset] !== name.charCodeAt(offset)) return false
  }
  return true
}

/**
 * Skips the `messages` array at `start` and checks on the way that every entry is an object with
 * a string `role` and a string or array `content` (OpenAI entries may omit it or send null), as
 * `validateClientRequest` demands. Returns the index past the array, or -1 when an entry fails
 * or the bytes are unreadable: "skip it with {@link skipValue}, parse and validate for the
 * exact error". One pass: the array is the bulk of a large body.
 *
 * @example
 * scanMessages(Buffer.from('[{"role":"user","content":"hi"}]'), 0, true) // → 32
 */
export function scanMessages(raw: Buffer, start: number, openai: boolean): number {
  let index = skipSpace(raw, start + 1)
  if (raw[index] === Byte.CLOSE_BRACKET) return index + 1
  for (;;) {
    if (raw[index] !== Byte.OPEN_BRACE) return -1
    let role: number | undefined
    let content: number | undefined
    index = skipSpace(raw, index + 1)
    if (raw[index] !== Byte.CLOSE_BRACE) {
      for (;;) {
        if (raw[index] !== Byte.QUOTE) return -1
        const keyEnd = skipString(raw, index)
        if (keyEnd === -1) return -1
        const isRole = keyIs(raw, index, keyEnd, 'role')
        const isContent = !isRole && keyIs(raw, index, keyEnd, 'content')
        // An escaped key might spell role or content: leave it to the parse.
        if (!isRole && !isContent && hasBackslash(raw, index, keyEnd)) return -1
        index = skipSpace(raw, keyEnd)
        if (raw[index] !== Byte.COLON) return -1
        const valueStart = skipSpace(raw, index + 1)
        const valueEnd = skipValue(raw, valueStart)
        if (valueEnd === -1) return -1
        if (isRole) role = raw[valueStart]
        else if (isContent) content = raw[valueStart]
        index = skipSpace(raw, valueEnd)
        if (raw[index] === Byte.COMMA) {
          index = skipSpace(raw, index + 1)
          continue
        }
        if (raw[index] === Byte.CLOSE_BRACE) break
        return -1
      }
    }
    if (role !== Byte.QUOTE) return -1
    const contentOk =
      content === Byte.QUOTE ||
      content === Byte.OPEN_BRACKET ||
      (openai && (content === undefined || content === 110))
    if (!contentOk) return -1
    index = skipSpace(raw, index + 1)
    if (raw[index] === Byte.COMMA) {
      index = skipSpace(raw, index + 1)
      continue
    }
    return raw[index] === Byte.CLOSE_BRACKET ? index + 1 : -1
  }
}
