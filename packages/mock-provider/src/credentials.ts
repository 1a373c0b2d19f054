// Constant-time credential comparison and header helpers shared by the wires' auth checks.
import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

/** Compares two secrets without leaking where they differ. */
export function safeEqual(presented: string | undefined, expected: string): boolean {
  if (presented === undefined) return false
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** One header's value (the first when repeated). */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const value = headerValue(headers, 'authorization')
  if (!value || value.length < 7 || value.slice(0, 7).toLowerCase() !== 'bearer ') return undefined
  return value.slice(7).trim()
}
