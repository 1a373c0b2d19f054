// Serialises a GatewayError into the OpenAI-style or Anthropic envelope, as a Response or raw.
import type { ServerResponse } from 'node:http'
import { type GatewayError, toAnthropicErrorEnvelope } from '@gw/contract'
import { responseHeader } from './gateway-response.js'

/** Which envelope a route answers errors in. */
export type ErrorShape = 'openai' | 'anthropic'

/**
 * Anthropic-shaped routes (`/v1/messages`, `/v1/messages/count_tokens`) answer errors in
 * Anthropic's envelope so Anthropic SDKs can read them; everything else uses ours.
 *
 * @example
 * errorShapeForPath('/v1/messages/count_tokens') // 'anthropic'
 */
export function errorShapeForPath(path: string): ErrorShape {
  return path === '/v1/messages' || path.startsWith('/v1/messages/') ? 'anthropic' : 'openai'
}

/** The JSON text of `error` in `shape`. */
export function serializeGatewayError(error: GatewayError, shape: ErrorShape): string {
  const envelope =
    shape === 'anthropic'
      ? toAnthropicErrorEnvelope(error.status, error.code, error.message)
      : error.toEnvelope()
  return JSON.stringify(envelope)
}

/** Response headers of an error: JSON content type and `Retry-After` when the error has one. */
export function gatewayErrorHeaders(error: GatewayError): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
  if (error.retryAfter !== undefined)
    headers['retry-after'] = String(Math.max(0, Math.ceil(error.retryAfter)))
  return headers
}

/**
 * Builds the error response for a Hono handler.
 *
 * @example
 * return gatewayErrorResponse(new GatewayError('rate_limited', 'Slow down', { retryAfter: 3 }), 'openai')
 */
export function gatewayErrorResponse(error: GatewayError, shape: ErrorShape): Response {
  return new Response(serializeGatewayError(error, shape), {
    status: error.status,
    headers: gatewayErrorHeaders(error),
  })
}

/**
 * Writes the error straight to the Node response, for routes that write `c.env.outgoing`
 * themselves and return `RESPONSE_ALREADY_SENT`. When the response has already started (a
 * stream), there is no way to change the status: the connection is closed instead, so the
 * client sees a cut rather than a silently truncated success.
 *
 * @example
 * writeGatewayError(c.env.outgoing, new GatewayError('provider_timeout', 'Upstream timed out'), 'anthropic')
 * return RESPONSE_ALREADY_SENT
 */
export function writeGatewayError(outgoing: ServerResponse, error: GatewayError, shape: ErrorShape): void {
  if (outgoing.headersSent) {
    outgoing.destroy()
    return
  }
  const body = serializeGatewayError(error, shape)
  const headers: Record<string, string | number> = {
    ...gatewayErrorHeaders(error),
    'content-length': Buffer.byteLength(body),
  }
  // Anthropic SDKs read the request id of an error from `request-id`: the gateway's own id.
  const requestId = responseHeader(outgoing, 'x-request-id')
  if (shape === 'anthropic' && requestId !== undefined) headers['request-id'] = requestId
  outgoing.writeHead(error.status, headers)
  outgoing.end(body)
}
