// Public API of @gw/contract: wire schemas, error codes, HMAC signing, control-plane client.

export type { AnthropicErrorEnvelope, ErrorCode, ErrorEnvelope, GatewayErrorOptions } from './errors.js'
export {
  errorCodes,
  GatewayError,
  isGatewayError,
  toAnthropicErrorEnvelope,
  toErrorEnvelope,
} from './errors.js'
