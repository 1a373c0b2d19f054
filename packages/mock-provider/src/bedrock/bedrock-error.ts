// AWS's error response for Bedrock Runtime: `{"message"}` with the type in `x-amzn-errortype`.
import type { MockBodyReply } from '../exchange.js'

const errorKinds: Record<number, [type: string, message: string]> = {
  400: ['ValidationException', 'Malformed input request, please reformat your input and try again.'],
  403: ['AccessDeniedException', "You don't have access to the model with the specified model ID."],
  404: ['ResourceNotFoundException', 'The requested resource could not be found.'],
  408: ['ModelTimeoutException', 'Model has timed out in processing the request.'],
  424: ['ModelErrorException', 'The model returned an error.'],
  429: ['ThrottlingException', 'Too many requests, please wait before trying again.'],
  500: ['InternalServerException', 'The server encountered an internal error.'],
  503: ['ServiceUnavailableException', 'The service is currently unavailable.'],
}

/**
 * Bedrock's error response. `type` overrides the exception name (auth failures share 403).
 * The header carries AWS's `Type:namespace` form, which clients must cut at the colon.
 *
 * @example
 * bedrockError(429).headers['x-amzn-errortype'] // 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/'
 */
export function bedrockError(status: number, message?: string, type?: string): MockBodyReply {
  const [kind, fallback] = errorKinds[status] ?? (status >= 500 ? errorKinds[500]! : errorKinds[400]!)
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': `${type ?? kind}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      'x-amzn-requestid': `mock-${status}`,
    },
    body: JSON.stringify({ message: message ?? fallback }),
  }
}
