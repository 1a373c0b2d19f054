// Keeps the tail of a JSON response on the side and reads its top-level `usage` object from it.
import { skipValue } from './json-splice.js'
import { readPlainJsonObject } from './small-json.js'

/** How much of a JSON body's end is kept: usage sits near the end of every provider's response. */
const tailKeepBytes = 64 * 1024
const BACKSLASH = 92
// Encoded once: searching with a string would encode it again on every call.
const usageKey = Buffer.from('"usage"')

/**
 * A bounded window over the last bytes of a response body (references, no copies).
 *
 * @example
 * const tail = new TailBuffer()
 * tail.push(chunk)
 * readUsageJson(tail.bytes())
 */
export class TailBuffer {
  private chunks: Buffer[] = []
  private length = 0

  push(chunk: Buffer): void {
    this.chunks.push(chunk)
    this.length += chunk.length
    while (this.chunks.length > 1 && this.length - (this.chunks[0] as Buffer).length >= tailKeepBytes) {
      this.length -= (this.chunks.shift() as Buffer).length
    }
  }

  bytes(): Buffer {
    return this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.length)
  }
}

/**
 * Finds the last `"usage": {…}` in raw JSON and parses only that object, so a large response is
 * never parsed whole. Returns undefined when there is none or it cannot be read.
 *
 * @example
 * readUsageJson(Buffer.from('{"id":"x","usage":{"prompt_tokens":3}}')) // → { prompt_tokens: 3 }
 */
export function readUsageJson(raw: Buffer): Record<string, unknown> | undefined {
  let at = raw.lastIndexOf(usageKey)
  while (at > 0 && raw[at - 1] === BACKSLASH) at = raw.lastIndexOf(usageKey, at - 1)
  if (at === -1) return undefined
  let index = at + usageKey.length
  while (raw[index] === 32 || raw[index] === 10 || raw[index] === 13 || raw[index] === 9) index++
  if (raw[index] !== 58) return undefined
  index++
  while (raw[index] === 32 || raw[index] === 10 || raw[index] === 13 || raw[index] === 9) index++
  if (raw[index] !== 123) return undefined
  // A plain usage object (integers, ASCII keys) is read in one pass with its keys reused; anything
  // else is delimited and handed to JSON.parse.
  const plain = readPlainJsonObject(raw, index)
  if (plain !== undefined) return plain
  const end = skipValue(raw, index)
  if (end === -1) return undefined
  try {
    return JSON.parse(raw.toString('utf8', index, end)) as Record<string, unknown>
  } catch {
    return undefined
  }
}
