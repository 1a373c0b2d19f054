// The session a request belongs to: `X-LangWatch-Session-Id`, else Anthropic's `metadata.user_id`.
import type { IncomingHttpHeaders } from 'node:http'

/** The lazily parsed body: `parsed` is only read when the header is absent. */
export interface SessionBody {
  readonly parsed: Record<string, unknown>
}

const maxLength = 256

/**
 * The request's session id, or undefined. The header wins; the body is only parsed (read) when
 * the header is absent. Ids longer than 256 characters are ignored (bounded memory per entry).
 *
 * @example
 * sessionIdOf({ 'x-langwatch-session-id': 'conv-42' }, body) // → 'conv-42'
 */
export function sessionIdOf(headers: IncomingHttpHeaders, body: SessionBody | undefined): string | undefined {
  const header = headers['x-langwatch-session-id']
  if (typeof header === 'string') return header !== '' && header.length <= maxLength ? header : undefined
  if (body === undefined) return undefined
  const metadata = body.parsed.metadata
  if (typeof metadata !== 'object' || metadata === null) return undefined
  const userId = (metadata as Record<string, unknown>).user_id
  return typeof userId === 'string' && userId !== '' && userId.length <= maxLength ? userId : undefined
}
