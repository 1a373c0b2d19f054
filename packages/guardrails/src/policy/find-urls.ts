// Finds http(s) URLs inside one string with indexOf and a character loop: no regex, nothing allocated for prose.

// Characters that end a URL in prose or JSON-ish text: whitespace, quotes, brackets, backslash…
const stops = new Set([...' \t\n\r\f\v"\'<>\\^`{|}'].map((char) => char.charCodeAt(0)))
// Punctuation dropped from the end of a URL, as in "see https://example.com/a."
const trailing = new Set([...'.,;:!?)]}*'].map((char) => char.charCodeAt(0)))

function hasScheme(text: string, start: number, scheme: string): boolean {
  for (let i = 0; i < scheme.length; i++) {
    // ASCII lower-casing: 'H' | 0x20 === 'h'
    if ((text.charCodeAt(start + i) | 0x20) !== scheme.charCodeAt(i)) return false
  }
  return true
}

/** Start of the `http(s)` scheme before the `://` at `at`, or -1. */
function schemeStart(text: string, at: number): number {
  if (at >= 5 && hasScheme(text, at - 5, 'https')) return at - 5
  if (at >= 4 && hasScheme(text, at - 4, 'http')) return at - 4
  return -1
}

/**
 * Calls `visit` with each `http://` or `https://` URL in `text` (scheme case-insensitive, trailing
 * punctuation dropped), stopping as soon as `visit` returns a value, which is returned. Text
 * without `://` costs one `indexOf`.
 *
 * @example
 * findUrls('see https://example.com/a.', (url) => url) // → 'https://example.com/a'
 */
export function findUrls<T>(text: string, visit: (url: string) => T | undefined): T | undefined {
  let at = text.indexOf('://')
  while (at !== -1) {
    const start = schemeStart(text, at)
    let end = at + 3
    if (start !== -1) {
      while (end < text.length && !stops.has(text.charCodeAt(end))) end++
      while (end > at + 3 && trailing.has(text.charCodeAt(end - 1))) end--
      if (end > at + 3) {
        const result = visit(text.slice(start, end))
        if (result !== undefined) return result
      }
    }
    at = text.indexOf('://', end)
  }
  return undefined
}
