// A fake Google OAuth token endpoint (`POST /token`) that issues access tokens the Vertex routes accept.
import { randomBytes, verify } from 'node:crypto'
import { jsonHeaders, type MockExchange, type MockReply } from '../exchange.js'

const jwtBearerGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
const tokenLifetimeSeconds = 3599
const maxIssuedTokens = 1024

/** Google's OAuth error body (not the API error shape). */
export function oauthError(status: number, error: string, description: string): MockReply {
  return { status, headers: jsonHeaders, body: JSON.stringify({ error, error_description: description }) }
}

function decodeSegment(segment: string | undefined): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'))
    return value && typeof value === 'object' ? value : undefined
  } catch {
    return undefined
  }
}

/** Checks a service-account assertion: RS256, iss/aud/iat/exp present, not expired, signature if a key is set. */
function checkAssertion(assertion: string, exchange: MockExchange): string | undefined {
  const [header, payload, signature] = assertion.split('.')
  const head = decodeSegment(header)
  const claims = decodeSegment(payload)
  if (!head || !claims || signature === undefined)
    return 'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.'
  if (head.alg !== 'RS256') return 'Invalid JWT: unsupported algorithm.'
  for (const claim of ['iss', 'aud', 'iat', 'exp']) {
    if (claims[claim] === undefined) return `Invalid JWT: missing claim ${claim}.`
  }
  if (Number(claims.exp) * 1000 < exchange.settings.now())
    return 'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.'
  const key = exchange.settings.vertexPublicKey
  if (
    key &&
    !verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))
  ) {
    return 'Invalid JWT Signature.'
  }
  return undefined
}

function issueToken(exchange: MockExchange): MockReply {
  const token = `ya29.mock-${randomBytes(18).toString('base64url')}`
  const { issuedTokens } = exchange.state
  issuedTokens.set(token, exchange.settings.now() + tokenLifetimeSeconds * 1000)
  if (issuedTokens.size > maxIssuedTokens) issuedTokens.delete(issuedTokens.keys().next().value as string)
  const body = { access_token: token, expires_in: tokenLifetimeSeconds, token_type: 'Bearer' }
  return { status: 200, headers: jsonHeaders, body: JSON.stringify(body) }
}

/**
 * Handles `POST /token` (form-encoded): the JWT-bearer grant of service accounts and the
 * `refresh_token` grant of user credentials.
 *
 * @example
 * // body: grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJ…
 * handleToken(exchange).body // '{"access_token":"ya29.mock-…","expires_in":3599,"token_type":"Bearer"}'
 */
export function handleToken(exchange: MockExchange): MockReply {
  const form = new URLSearchParams(exchange.body.toString('utf8'))
  const grant = form.get('grant_type')
  if (grant === jwtBearerGrant) {
    const problem = checkAssertion(form.get('assertion') ?? '', exchange)
    return problem ? oauthError(400, 'invalid_grant', problem) : issueToken(exchange)
  }
  if (grant === 'refresh_token') {
    return form.get('refresh_token')
      ? issueToken(exchange)
      : oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token')
  }
  return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grant ?? ''}`)
}

/** Whether a Bearer token was issued here and has not expired. */
export function isIssuedToken(exchange: MockExchange, token: string | undefined): boolean {
  if (token === undefined) return false
  const expiresAt = exchange.state.issuedTokens.get(token)
  return expiresAt !== undefined && expiresAt > exchange.settings.now()
}
