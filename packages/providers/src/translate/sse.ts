// Formats Server-Sent Events text.

/**
 * One SSE event: an optional `event:` line, then `data:` with JSON (or a raw string), then a blank line.
 *
 * @example
 * formatSse('ping', { type: 'ping' }) // 'event: ping\ndata: {"type":"ping"}\n\n'
 */
export function formatSse(event: string | undefined, data: unknown): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data)
  return event === undefined ? `data: ${payload}\n\n` : `event: ${event}\ndata: ${payload}\n\n`
}

/** An SSE comment line; parsers ignore it, proxies see traffic (used for keep-alive pings). */
export const sseKeepAlive = ': ping\n\n'
