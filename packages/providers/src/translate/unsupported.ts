// The error for a parameter or content that cannot be translated without changing its meaning.
import { GatewayError } from '@gw/contract'

/**
 * Builds the 400 `unsupported_parameter` error naming the client's parameter.
 *
 * @example
 * throw unsupportedParameter('n', 'n > 1 is not supported by anthropic-messages')
 */
export function unsupportedParameter(param: string, reason: string): GatewayError {
  return new GatewayError('unsupported_parameter', `Unsupported parameter "${param}": ${reason}`, {
    meta: { param },
  })
}
