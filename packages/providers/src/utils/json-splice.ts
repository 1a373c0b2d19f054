// Rewrites top-level fields of a JSON object in its raw bytes, leaving every other byte untouched.
import * as Byte from './json-bytes.js'

/** Byte range `[start, end)` of a top-level value. */
export interface ValueRange {
  start: number
  end: number
}

/** Where a raw object's top-level values sit, and where its closing brace is. */
export interface TopLevelScan {
  values: Map<string, ValueRange>
  closeBrace: number
  empty: boolean
}

/** A top-level field to set: `value` is already JSON text. */
export interface FieldEdit {
  key: string
  json: string
}

/**
 * Finds the byte ranges of the named top-level values of a JSON object (last occurrence wins,
 * as with `JSON.parse`). Strings are skipped with `indexOf`, so cost follows the structure, not
 * the text. Returns undefined when the bytes are not a well-formed object as far as scanned.
 */
export function scanTopLevel(raw: Buffer, keys: readonly string[]): TopLevelScan | undefined {
  const values = new Map<string, ValueRange>()
  let index = skipSpace(raw, 0)
  if (raw[index] !== Byte.OPEN_BRACE) return undefined
  index = skipSpace(raw, index + 1)
  if (raw[index] === Byte.CLOSE_BRACE) return { values, closeBrace: index, empty: true }
  for (;;) {
    if (raw[index] !== Byte.QUOTE) return undefined
    const keyEnd = skipString(raw, index)
    if (keyEnd === -1) return undefined
    const key = keyEnd - index - 2 <= 32 ? raw.toString('latin1', index + 1, keyEnd - 1) : ''
    index = skipSpace(raw, keyEnd)
    if (raw[index] !== Byte.COLON) return undefined
    const start = skipSpace(raw, index + 1)
    const end = skipValue(raw, start)
    if (end === -1) return undefined
    if (keys.includes(key)) values.set(key, { start, end })
    index = skipSpace(raw, end)
    if (raw[index] === Byte.COMMA) {
      index = skipSpace(raw, index + 1)
      continue
    }
    if (raw[index] === Byte.CLOSE_BRACE) return { values, closeBrace: index, empty: false }
    return undefined
  }
}

/**
 * Sets top-level fields in raw JSON bytes: replaces the value of a present key, appends an
 * absent one before the closing brace. Returns undefined if the bytes could not be scanned, so
 * the caller can fall back to re-serialising the parsed object.
 *
 * @example
 * spliceTopLevel(Buffer.from('{"model":"fast","n":1}'), [{ key: 'model', json: '"gpt-4o"' }])
 * // → '{"model":"gpt-4o","n":1}'
 */
export function spliceTopLevel(raw: Buffer, edits: readonly FieldEdit[]): Buffer | undefined {
  const scan = scanTopLevel(
    raw,
    edits.map((edit) => edit.key),
  )
  return scan === undefined ? undefined : applyTopLevelEdits(raw, scan, edits)
}

/**
 * {@link spliceTopLevel} with the object's layout already known (from a scan of these very
 * bytes): replaces the values in `scan.values`, appends the other edits before the closing brace.
 *
 * @example
 * const raw = Buffer.from('{"model":"fast"}')
 * applyTopLevelEdits(raw, { values: new Map([['model', { start: 9, end: 15 }]]), closeBrace: 15, empty: false }, [
 *   { key: 'model', json: '"gpt-4o"' },
 * ]) // → '{"model":"gpt-4o"}'
 */
export function applyTopLevelEdits(raw: Buffer, scan: TopLevelScan, edits: readonly FieldEdit[]): Buffer {
  return Buffer.concat(topLevelEditParts(raw, scan, edits))
}

/**
 * {@link applyTopLevelEdits} without joining: the result's pieces in order, the long runs of
 * `raw` as views (no copy), the short pieces between them (edits, separators, runs shorter
 * than `minViewBytes`) copied into one buffer each. Joined, they are exactly what
 * `applyTopLevelEdits` returns.
 *
 * @example
 * const raw = Buffer.from(`{"model":"fast","messages":${JSON.stringify('x'.repeat(40))}}`)
 * spliceTopLevelParts(raw, scanTopLevel(raw, ['model'])!, [{ key: 'model', json: '"gpt-4o"' }], 16)
 * // → [<{"model":"gpt-4o">, <,"messages":"xxx…x">, <}>]: the middle piece is a view of raw
 */
export function spliceTopLevelParts(
  raw: Buffer,
  scan: TopLevelScan,
  edits: readonly FieldEdit[],
  minViewBytes: number,
): Buffer[] {
  const pieces: Buffer[] = []
  let short: Buffer[] = []
  for (const part of topLevelEditParts(raw, scan, edits)) {
    if (part.length < minViewBytes) {
      short.push(part)
      continue
    }
    if (short.length > 0) pieces.push(Buffer.concat(short))
    short = []
    pieces.push(part)
  }
  if (short.length > 0) pieces.push(Buffer.concat(short))
  return pieces
}

function topLevelEditParts(raw: Buffer, scan: TopLevelScan, edits: readonly FieldEdit[]): Buffer[] {
  const replaced: { range: ValueRange; json: string }[] = []
  let appended = ''
  for (const edit of edits) {
    const range = scan.values.get(edit.key)
    if (range !== undefined) replaced.push({ range, json: edit.json })
    else appended += `${scan.empty && appended === '' ? '' : ','}${JSON.stringify(edit.key)}:${edit.json}`
  }
  replaced.sort((a, b) => a.range.start - b.range.start)
  const parts: Buffer[] = []
  let cursor = 0
  for (const { range, json } of replaced) {
    parts.push(raw.subarray(cursor, range.start), Buffer.from(json))
    cursor = range.end
  }
  parts.push(raw.subarray(cursor, scan.closeBrace), Buffer.from(appended), raw.subarray(scan.closeBrace))
  return parts
}

function skipSpace(raw: Buffer, index: number): number {
  while (index < raw.length) {
    const byte = raw[index] as number
    if (byte !== 32 && byte !== 10 && byte !== 13 && byte !== 9) return index
    index++
  }
  return index
}

/** Index just past the string opening at `index`, or -1. */
function skipString(raw: Buffer, index: number): number {
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

/** Index just past the JSON value starting at `index`, or -1 when it does not end in `raw`. */
export function skipValue(raw: Buffer, index: number): number {
  const first = raw[index]
  if (first === Byte.QUOTE) return skipString(raw, index)
  if (first !== Byte.OPEN_BRACE && first !== Byte.OPEN_BRACKET) {
    while (index < raw.length) {
      const byte = raw[index]
      if (
        byte === Byte.COMMA ||
        byte === Byte.CLOSE_BRACE ||
        byte === Byte.CLOSE_BRACKET ||
        byte === 32 ||
        byte === 10
      )
        return index
      if (byte === 13 || byte === 9) return index
      index++
    }
    return -1
  }
  let depth = 0
  while (index < raw.length) {
    const byte = raw[index]
    if (byte === Byte.QUOTE) {
      index = skipString(raw, index)
      if (index === -1) return -1
      continue
    }
    if (byte === Byte.OPEN_BRACE || byte === Byte.OPEN_BRACKET) depth++
    else if (byte === Byte.CLOSE_BRACE || byte === Byte.CLOSE_BRACKET) {
      depth--
      if (depth === 0) return index + 1
    }
    index++
  }
  return -1
}
