// Encodes AWS event-stream frames (`application/vnd.amazon.eventstream`) for Bedrock's streaming responses.
import { awsLibraries } from './aws-libraries.js'

const text = (value: string) => ({ type: 'string' as const, value })

/**
 * One `event` frame with a JSON payload.
 *
 * @example
 * encodeEvent('messageStart', { role: 'assistant' }) // Uint8Array, prelude + headers + payload + CRCs
 */
export function encodeEvent(eventType: string, payload: unknown): Uint8Array {
  const { codec, fromUtf8 } = awsLibraries()
  return codec.encode({
    headers: {
      ':event-type': text(eventType),
      ':content-type': text('application/json'),
      ':message-type': text('event'),
    },
    body: fromUtf8(JSON.stringify(payload)),
  })
}

/** One `exception` frame, as Bedrock sends when a stream fails after starting. */
export function encodeException(exceptionType: string, message: string): Uint8Array {
  const { codec, fromUtf8 } = awsLibraries()
  return codec.encode({
    headers: {
      ':exception-type': text(exceptionType),
      ':content-type': text('application/json'),
      ':message-type': text('exception'),
    },
    body: fromUtf8(JSON.stringify({ message })),
  })
}

/** Headers of a Bedrock streaming response. */
export const eventStreamHeaders = Object.freeze({
  'content-type': 'application/vnd.amazon.eventstream',
  'x-amzn-requestid': 'mock-stream',
})

/** The in-stream failure frame used by the `streamErrorAfterChunks` behaviour. */
export function bedrockStreamError(): Uint8Array {
  return encodeException('internalServerException', 'The server encountered an internal error.')
}
