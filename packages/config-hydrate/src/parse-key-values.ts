// Parses "key=value,key2=value2" (percent-encoded values, as in OTEL_EXPORTER_OTLP_HEADERS).
import { notParsed, type ParseResult, parsed } from './field-meta.js'

/**
 * Parses comma-separated pairs; keys and values are trimmed, values percent-decoded, empty
 * items skipped. A pair without `=`, with an empty key or with bad percent-encoding is refused.
 *
 * @example
 * parseKeyValues('Authorization=Bearer%20abc, x-team=a') // { ok: true, value: { Authorization: 'Bearer abc', 'x-team': 'a' } }
 */
export function parseKeyValues(raw: string): ParseResult<Record<string, string>> {
  // Entries then fromEntries: a key named __proto__ becomes a plain property, not a prototype.
  const entries: [string, string][] = []
  for (const item of raw.split(',')) {
    if (item.trim() === '') continue
    const separator = item.indexOf('=')
    const key = item.slice(0, Math.max(separator, 0)).trim()
    if (separator < 0 || key === '') return notParsed
    try {
      entries.push([key, decodeURIComponent(item.slice(separator + 1).trim())])
    } catch {
      return notParsed
    }
  }
  return parsed(Object.fromEntries(entries))
}
