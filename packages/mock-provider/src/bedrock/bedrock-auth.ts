// Credential check of Bedrock Runtime: a verified SigV4 signature, or a Bedrock API key as Bearer token.
import { bearerToken, headerValue, safeEqual } from '../credentials.js'
import type { MockBodyReply, MockExchange } from '../exchange.js'
import { loadAwsLibraries } from './aws-libraries.js'
import { bedrockError } from './bedrock-error.js'
import { verifySigV4 } from './verify-sigv4.js'

const invalidToken = 'The security token included in the request is invalid.'

/**
 * With `aws` set the SigV4 signature must verify; with only `apiKey` set a SigV4 header must be
 * present or the Bearer token must equal the key. Without either, nothing is checked. Also loads
 * the AWS libraries the handlers use (every Bedrock route runs this first).
 */
export async function authorizeBedrock(exchange: MockExchange): Promise<MockBodyReply | undefined> {
  await loadAwsLibraries()
  const { aws, apiKey } = exchange.settings
  if (!aws && apiKey === undefined) return undefined
  const bearer = bearerToken(exchange.headers)
  if (bearer !== undefined) {
    return apiKey !== undefined && safeEqual(bearer, apiKey)
      ? undefined
      : bedrockError(403, invalidToken, 'UnrecognizedClientException')
  }
  const authorization = headerValue(exchange.headers, 'authorization')
  if (!authorization?.startsWith('AWS4-HMAC-SHA256 Credential=')) {
    return bedrockError(403, 'Missing Authentication Token', 'MissingAuthenticationTokenException')
  }
  if (!aws) return undefined
  const failure = await verifySigV4(exchange, aws)
  return failure ? bedrockError(403, failure.message, failure.type) : undefined
}
