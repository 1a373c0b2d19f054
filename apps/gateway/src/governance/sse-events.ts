// Splits SSE text into events and rebuilds an event whose data was rewritten.

/** One complete SSE event as received (with its blank-line terminator). */
export interface SseEvent {
  raw: string
  /** The parsed `data:` JSON object, when the data is one. */
  data: Record<string, unknown> | undefined
}

/** Index just past the first event terminator (`\n\n` or `\r\n\r\n`) in `text`, or -1. */
export function eventEnd(text: string): number {
  const lf = text.indexOf('\n\n')
  const crlf = text.indexOf('\r\n\r\n')
  if (lf === -1) return crlf === -1 ? -1 : crlf + 4
  if (crlf === -1 || lf < crlf) return lf + 2
  return crlf + 4
}

/**
 * Parses one event's `data:` lines (joined with newlines) as JSON when they hold an object.
 *
 * @example
 * parseSseEvent('event: x\ndata: {"a":1}\n\n').data // { a: 1 }
 */
export function parseSseEvent(raw: string): SseEvent {
  let payload: string | undefined
  for (const line of raw.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue
    const value = line.slice(line[5] === ' ' ? 6 : 5)
    payload = payload === undefined ? value : `${payload}\n${value}`
  }
  if (payload === undefined || payload[0] !== '{') return { raw, data: undefined }
  try {
    const data: unknown = JSON.parse(payload)
    return {
      raw,
      data: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined,
    }
  } catch {
    return { raw, data: undefined }
  }
}

/** The event's text with its data replaced by `data` as JSON; other lines (`event:`, `id:`) kept. */
export function rebuildSseEvent(event: SseEvent, data: Record<string, unknown>): string {
  const kept = event.raw.split(/\r?\n/).filter((line) => line !== '' && !line.startsWith('data:'))
  return `${[...kept, `data: ${JSON.stringify(data)}`].join('\n')}\n\n`
}
