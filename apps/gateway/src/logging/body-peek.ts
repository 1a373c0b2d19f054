// Logs the start of a request body for triage, only when LW_LOG_MESSAGE_BODY is on.
import type { RequestContext } from '../http/request-context.js'

/**
 * Logs the first `maxChars` characters of `body` at info as `message_body_peek`. Call it only
 * when `config.logging.messageBody` (LW_LOG_MESSAGE_BODY) is true: bodies hold prompt content.
 *
 * @example
 * if (config.logging.messageBody) logBodyPeek(getRequestContext(c), body)
 */
export function logBodyPeek(context: RequestContext, body: Buffer, maxChars = 2_000): void {
  const text = body
    .subarray(0, maxChars * 4)
    .toString('utf8')
    .slice(0, maxChars)
  context.logger.info(
    { peek: text, body_bytes: body.length, truncated: Buffer.byteLength(text) < body.length },
    'message_body_peek',
  )
}
