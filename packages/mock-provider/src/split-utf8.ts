// Cuts bytes so that multi-byte UTF-8 characters straddle write boundaries (the splitUtf8 behaviour).

/**
 * Splits after the first byte of every multi-byte character, so each piece but the last ends in
 * the middle of a character.
 *
 * @example
 * splitMidCharacter(Buffer.from('aé')).map((b) => [...b]) // [[0x61, 0xc3], [0xa9]]
 */
export function splitMidCharacter(bytes: Uint8Array): Uint8Array[] {
  const pieces: Uint8Array[] = []
  let start = 0
  for (let i = 0; i < bytes.length; i++) {
    // 0b11xxxxxx starts a multi-byte sequence; cut right after it.
    if ((bytes[i] as number) >= 0xc0) {
      pieces.push(bytes.subarray(start, i + 1))
      start = i + 1
    }
  }
  if (start < bytes.length) pieces.push(bytes.subarray(start))
  return pieces
}
