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
