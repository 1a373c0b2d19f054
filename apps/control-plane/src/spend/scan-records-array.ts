// Finds the elements of a JSON body's top-level `records` array without parsing the whole body.
import { GatewayError } from '@gw/contract'

/** Where one element of `records` sits in the body text: `text.slice(start, end)`. */
export interface RecordSpan {
  start: number
  end: number
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09
}

function malformed(at: number, expected: string): GatewayError {
  return new GatewayError(
    'invalid_json',
    `Request body is not valid JSON: expected ${expected} at offset ${at}`,
    {
      meta: { offset: at },
    },
  )
}

/** A cursor over the body: every step returns the offset after what it consumed. */
class Scanner {
  constructor(readonly text: string) {}

  skipSpace(at: number): number {
    let position = at
    while (position < this.text.length && isSpace(this.text.charCodeAt(position))) position += 1
    return position
  }

  expect(at: number, code: number, what: string): number {
    const position = this.skipSpace(at)
    if (this.text.charCodeAt(position) !== code) throw malformed(position, what)
    return position + 1
  }

  /** `at` is on the opening quote; returns the offset after the closing one. */
  skipString(at: number): number {
    let position = at + 1
    for (;;) {
      const quote = this.text.indexOf('"', position)
      if (quote === -1) throw malformed(this.text.length, 'a closing quote')
      let backslashes = 0
      while (this.text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1
      if (backslashes % 2 === 0) return quote + 1
      position = quote + 1
    }
  }

  /** Skips one value of any kind; its content is checked later by `JSON.parse` of the element. */
  skipValue(at: number): number {
    let position = this.skipSpace(at)
    const first = this.text.charCodeAt(position)
    if (first === QUOTE) return this.skipString(position)
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      const start = position
      while (position < this.text.length) {
        const code = this.text.charCodeAt(position)
        if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isSpace(code)) break
        position += 1
      }
      if (position === start) throw malformed(start, 'a value')
      return position
    }
    let depth = 0
    while (position < this.text.length) {
      const code = this.text.charCodeAt(position)
      if (code === QUOTE) {
        position = this.skipString(position)
        continue
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) depth += 1
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth -= 1
        if (depth === 0) return position + 1
      }
      position += 1
    }
    throw malformed(position, 'the end of an object or array')
  }

  /** `at` is after `[`; collects each element's span up to and including the closing `]`. */
  collectElements(at: number, spans: RecordSpan[]): number {
    let position = this.skipSpace(at)
    if (this.text.charCodeAt(position) === CLOSE_BRACKET) return position + 1
    for (;;) {
      const start = this.skipSpace(position)
      const end = this.skipValue(start)
      spans.push({ start, end })
      position = this.skipSpace(end)
      const code = this.text.charCodeAt(position)
      if (code === CLOSE_BRACKET) return position + 1
      if (code !== COMMA) throw malformed(position, '"," or "]"')
      position += 1
    }
  }
}

/**
 * Scans `{"records": [...], …}` and returns the span of every element of `records`, so each
 * record is parsed (and rejected) on its own and the batch never exists as one object tree.
 * The envelope must be well-formed: a broken structure is 400 `invalid_json`, a missing or
 * non-array `records` 400 `bad_request`. Other top-level fields are skipped.
 *
 * @example
 * const spans = scanRecordsArray('{"records":[{"a":1},{"b":2}]}')
 * // → [{ start: 12, end: 19 }, { start: 20, end: 27 }]
 */
export function scanRecordsArray(text: string): RecordSpan[] {
  const scanner = new Scanner(text)
  let position = scanner.expect(0, OPEN_BRACE, '"{"')
  let spans: RecordSpan[] | undefined
  position = scanner.skipSpace(position)
  if (text.charCodeAt(position) === CLOSE_BRACE) position += 1
  else {
    for (;;) {
      const keyStart = scanner.skipSpace(position)
      if (text.charCodeAt(keyStart) !== QUOTE) throw malformed(keyStart, 'a field name')
      const keyEnd = scanner.skipString(keyStart)
      const key = JSON.parse(text.slice(keyStart, keyEnd)) as string
      position = scanner.skipSpace(scanner.expect(keyEnd, COLON, '":"'))
      if (key === 'records') {
        if (spans !== undefined) throw fieldError('appears twice')
        if (text.charCodeAt(position) !== OPEN_BRACKET) throw fieldError('must be an array')
        spans = []
        position = scanner.collectElements(position + 1, spans)
      } else {
        position = scanner.skipValue(position)
      }
      position = scanner.skipSpace(position)
      const code = text.charCodeAt(position)
      if (code === CLOSE_BRACE) {
        position += 1
        break
      }
      if (code !== COMMA) throw malformed(position, '"," or "}"')
      position += 1
    }
  }
  if (scanner.skipSpace(position) !== text.length) throw malformed(position, 'the end of the body')
  if (spans === undefined) throw fieldError('is required')
  return spans
}

function fieldError(problem: string): GatewayError {
  return new GatewayError('bad_request', `Invalid field "records": ${problem}`, {
    meta: { field: 'records' },
  })
}
