// Step "read body": the authenticated request's body, capped and decoded, scanned; parsed later, once, if a step needs it.
import type { IncomingMessage } from 'node:http'
import type { ClientApi } from '@gw/providers'
import { readReceivedBody, readRequestBody } from '../http/body.js'
import type { DecodeBudget } from '../http/decode-budget.js'
import type { RequestContext } from '../http/request-context.js'
import { logBodyPeek } from '../logging/body-peek.js'
import { createRequestBody } from './lazy-body.js'
import type { RequestBody } from './request-state.js'

/** What {@link readBody} needs; built once per route. */
export interface ReadBodyOptions
  extends Pick<import('../http/body.js').ReadRequestBodyOptions, 'expectJson'> {
  /** Largest body accepted, after decompression (SERVER_MAX_REQUEST_BODY_BYTES). */
  maxBytes: number
  /** Bytes being decompressed across all requests (SERVER_MAX_DECODING_BYTES). */
  decodeBudget?: DecodeBudget
  /** LW_LOG_MESSAGE_BODY on a Messages or Responses route: log a peek of the body. */
  logBody: boolean
  /** The route's API: the wire contract the byte scan checks. Default `openai-chat`. */
  api?: ClientApi
}

/**
 * Reads the body and scans its top level (lazy-body.ts); the full parse waits for a step that
 * needs it, except when the scan cannot read the bytes. A body already received whole is taken
 * from the stream's buffer in one call (`readReceivedBody`); one still arriving, or encoded, is
 * read chunk by chunk with its caps (`readRequestBody`). Runs after authentication, so a caller
 * without a valid key never makes the gateway read, decompress or parse anything. Throws 413
 * `payload_too_large`, 415 `unsupported_media_type`, 400 `invalid_json` / `bad_request`, 503
 * `overloaded`.
 *
 * @example
 * state.body = await readBody(state.incoming, state.context, { maxBytes: 32 << 20, logBody: false })
 */
export async function readBody(
  incoming: IncomingMessage,
  context: RequestContext,
  options: ReadBodyOptions,
): Promise<RequestBody> {
  let raw = readReceivedBody(incoming, options.maxBytes)
  if (raw === undefined) {
    // The handler starts inside Node's parser, before it pushes the body of the packet that carried
    // the headers: one microtask later, a body that came with them is buffered whole.
    await undefined
    raw = readReceivedBody(incoming, options.maxBytes) ?? (await readRequestBody(incoming, options))
  }
  const body = createRequestBody(options.api ?? 'openai-chat', raw)
  if (options.logBody) logBodyPeek(context, raw)
  return body
}
