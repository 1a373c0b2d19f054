// Cheap shape check of virtual keys (lw_vk_live_|lw_vk_test_ + ULID + secret) before any lookup.

// Crockford base32 ULID (first char ≤ 7 keeps it within 128 bits), then ≥ 22 base62/base64url
// characters of secret (≥ 128 bits). The upper bound keeps absurd inputs out of the hasher.
const virtualKeyPattern = /^lw_vk_(?:live|test)_([0-7][0-9A-HJKMNP-TV-Z]{25})[A-Za-z0-9_-]{22,256}$/

/**
 * True when `raw` has the shape of a virtual key. Says nothing about whether it exists.
 *
 * @example
 * isWellFormedVirtualKey('lw_vk_live_01J9ZK3V7Q8R2W5X6Y7Z8A9B0Cs3cr3tPart1234567890ab') // true
 */
export function isWellFormedVirtualKey(raw: string): boolean {
  return virtualKeyPattern.test(raw)
}

/**
 * The ULID part of a well-formed virtual key (the key id's suffix), or null.
 *
 * @example
 * parseVirtualKeyId('lw_vk_test_01J9ZK3V7Q8R2W5X6Y7Z8A9B0Cs3cr3tPart1234567890ab') // '01J9ZK3V7Q8R2W5X6Y7Z8A9B0C'
 */
export function parseVirtualKeyId(raw: string): string | null {
  return virtualKeyPattern.exec(raw)?.[1] ?? null
}
