// Finds http(s) URLs inside one string, without allocating for strings that hold none.

const urlPattern = /https?:\/\/[^\s"'<>\\^`{|}]+/gi
const trailingPunctuation = /[.,;:!?)\]}*]+$/

/**
 * Calls `visit` with each `http://` or `https://` URL in `text` (trailing punctuation dropped),
 * stopping as soon as `visit` returns a value, which is returned. A cheap `indexOf('://')` skips
 * strings without a URL, so prose costs one scan.
 *
 * @example
 * findUrls('see https://example.com/a.', (url) => url) // → 'https://example.com/a'
 */
export function findUrls<T>(text: string, visit: (url: string) => T | undefined): T | undefined {
  if (text.indexOf('://') === -1) return undefined
  urlPattern.lastIndex = 0
  for (let match = urlPattern.exec(text); match !== null; match = urlPattern.exec(text)) {
    const result = visit(match[0].replace(trailingPunctuation, ''))
    if (result !== undefined) {
      urlPattern.lastIndex = 0
      return result
    }
  }
  return undefined
}
