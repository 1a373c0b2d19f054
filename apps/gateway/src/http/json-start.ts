// Whether decoded body bytes can be the start of a JSON text: lets junk be refused at its first chunk.

/** What the first bytes say: a JSON text may follow, it cannot, or only whitespace so far. */
export type JsonStart = 'possible' | 'impossible' | 'undecided'

// A JSON text is optional whitespace, then a value: { [ " - 0-9 t(rue) f(alse) n(ull).
const valueStarts = new Uint8Array(256)
for (const character of '{["-0123456789tfn') valueStarts[character.charCodeAt(0)] = 1
const whitespace = new Uint8Array(256)
for (const character of ' \t\n\r') whitespace[character.charCodeAt(0)] = 1

/**
 * Looks at the first non-whitespace byte of `chunk` (RFC 8259 whitespace only; a BOM is not
 * JSON for `JSON.parse` either). `undecided` when the chunk is all whitespace: look at the next.
 *
 * @example
 * jsonStart(Buffer.from('  {"model":')) // 'possible'
 * jsonStart(Buffer.alloc(16)) // 'impossible' (zero bytes)
 */
export function jsonStart(chunk: Uint8Array): JsonStart {
  for (const byte of chunk) {
    if (whitespace[byte] === 1) continue
    return valueStarts[byte] === 1 ? 'possible' : 'impossible'
  }
  return 'undecided'
}

/**
 * The first non-whitespace byte of `chunk` as `0x..`, for error messages.
 *
 * @example
 * firstByteHex(Buffer.from([0, 1])) // '0x00'
 */
export function firstByteHex(chunk: Uint8Array): string {
  const byte = chunk.find((value) => whitespace[value] !== 1) ?? 0
  return `0x${byte.toString(16).padStart(2, '0')}`
}
