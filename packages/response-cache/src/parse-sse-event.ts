// Parses the text of one complete SSE event into its name and data.
import type { SseEvent } from '@gw/providers/internal'

/**
 * Reads `event:` and `data:` lines (several data lines join with `\n`); comments and other fields
 * are ignored. Undefined for an event without data (a keep-alive comment).
 *
 * @example
 * parseSseEvent('event: ping\ndata: {}\n\n') // { event: 'ping', data: '{}' }
 */
export function parseSseEvent(text: string): SseEvent | undefined {
  let event: string | undefined
  let data: string | undefined
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('data:')) {
      const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5)
      data = data === undefined ? value : `${data}\n${value}`
    } else if (line.startsWith('event:')) {
      event = line.slice(line.charCodeAt(6) === 32 ? 7 : 6)
    }
  }
  if (data === undefined) return undefined
  return event === undefined ? { data } : { event, data }
}
