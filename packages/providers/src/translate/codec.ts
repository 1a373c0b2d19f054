// The set of pure functions each wire provides, so the translator can pair any two wires.
import type { CanonicalError, CanonicalRequest, CanonicalResponse } from '../canonical/types.js'
import type { DecodeContext, EncodeContext } from './context.js'
import type { StreamDecoder, StreamEncoder, StreamEncoderOptions } from './stream-types.js'

/** One wire's decoders and encoders. */
export interface WireCodec {
  decodeRequest(body: Record<string, unknown>, context: DecodeContext): CanonicalRequest
  encodeRequest(request: CanonicalRequest, context: EncodeContext): object
  decodeResponse(body: Record<string, unknown>): CanonicalResponse
  encodeResponse(response: CanonicalResponse): object
  createStreamDecoder(): StreamDecoder
  createStreamEncoder(options: StreamEncoderOptions): StreamEncoder
  encodeError(error: CanonicalError): object
  decodeError(body: unknown, status?: number): CanonicalError
}

/**
 * What a request can be translated to: the provider half of a codec. Stream decoders of binary
 * framings (Bedrock) also take already-parsed events; error decoders may take the provider's
 * error type header (`x-amzn-errortype`).
 */
export interface TargetCodec {
  encodeRequest(request: CanonicalRequest, context: EncodeContext): object
  decodeResponse(body: Record<string, unknown>): CanonicalResponse
  createStreamDecoder(): TargetStreamDecoder
  decodeError(body: unknown, status?: number, errorType?: string): CanonicalError
}

/** A stream decoder, optionally fed parsed events (name and JSON payload) without an SSE round trip. */
export interface TargetStreamDecoder extends StreamDecoder {
  pushEvent?(name: string, payload: unknown): ReturnType<StreamDecoder['push']>
}
