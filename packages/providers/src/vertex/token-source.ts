// OAuth2 access tokens for Vertex AI from a service account (JWT-bearer grant), cached and refreshed single-flight.
import { GatewayError } from '@gw/contract'
import { importPKCS8, SignJWT } from 'jose'
import { type Dispatcher, request } from 'undici'
import { type GoogleCredentials, parseGoogleCredentials, type ServiceAccount } from './service-account.js'

/** The scope Vertex AI needs. */
export const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform'

const jwtBearerGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
const assertionLifetimeSeconds = 3600

/** Options of {@link createVertexTokenSource}. */
export interface VertexTokenSourceOptions {
  /** The service-account key, as JSON text or parsed (the provider's `auth_credentials`). */
  credentials: string | Record<string, unknown>
  /** Refresh this long before the token expires. Default 60 000 ms. */
  refreshMarginMs?: number
  /** OAuth scope. Default {@link cloudPlatformScope}. */
  scope?: string
  /** undici dispatcher for the token request. Default undici's global dispatcher. */
  dispatcher?: Dispatcher
  /** Clock in ms (assertion times and cache expiry). Default `Date.now`. */
  now?: () => number
}

/** Access tokens for one service account. */
export interface VertexTokenSource {
  /** A valid access token: cached until `refreshMarginMs` before expiry; concurrent callers share one refresh. */
  getToken(): Promise<string>
  /** Forgets the cached token (e.g. after Vertex answered 401), so the next call fetches a new one. */
  invalidate(): void
}

/**
 * Creates a token source. The key is validated now (a `TypeError` names what is missing) and
 * imported once; each refresh signs an RS256 assertion (`iss` = client email, `aud` = token URI,
 * `scope`, one-hour lifetime) and POSTs it to the key's `token_uri`. A failed refresh is not
 * cached: it rejects with `provider_error` (502) carrying Google's OAuth error, never the key.
 *
 * @example
 * const tokens = createVertexTokenSource({ credentials: provider.credentials.auth_credentials })
 * headers.authorization = `Bearer ${await tokens.getToken()}`
 */
export function createVertexTokenSource(options: VertexTokenSourceOptions): VertexTokenSource {
  const credentials = parseGoogleCredentials(options.credentials)
  const now = options.now ?? Date.now
  const margin = options.refreshMarginMs ?? 60_000
  const scope = options.scope ?? cloudPlatformScope
  let key: ReturnType<typeof importPKCS8> | undefined
  let cached: { token: string; expiresAt: number } | undefined
  let inflight: Promise<string> | undefined

  async function signAssertion(account: ServiceAccount): Promise<string> {
    key ??= importPKCS8(account.privateKey, 'RS256').catch((error: unknown) => {
      throw new GatewayError(
        'provider_error',
        'Vertex AI service-account private_key is not a PKCS#8 RSA key',
        {
          cause: error,
          retryable: false,
        },
      )
    })
    const issuedAt = Math.floor(now() / 1000)
    const header = {
      alg: 'RS256',
      typ: 'JWT',
      ...(account.privateKeyId === undefined ? {} : { kid: account.privateKeyId }),
    }
    return new SignJWT({ scope })
      .setProtectedHeader(header)
      .setIssuer(account.clientEmail)
      .setAudience(account.tokenUri)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + assertionLifetimeSeconds)
      .sign(await key)
  }

  async function grantOf(google: GoogleCredentials): Promise<Record<string, string>> {
    if (google.type === 'service_account') {
      return { grant_type: jwtBearerGrant, assertion: await signAssertion(google.account) }
    }
    const { clientId, clientSecret, refreshToken } = google.user
    return {
      grant_type: 'refresh_token',
      client_id: clientId,
      client_secret: clientSecret,
      refresh_token: refreshToken,
    }
  }

  async function refresh(): Promise<string> {
    const grant = await grantOf(credentials)
    const startedAt = now()
    const response = await request(credentials.tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(grant).toString(),
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    })
    const body = parseJson(await response.body.text())
    const token = typeof body.access_token === 'string' ? body.access_token : undefined
    if (response.statusCode !== 200 || token === undefined) throw tokenError(response.statusCode, body)
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : assertionLifetimeSeconds
    // Measured from before the request, so the cached expiry is never later than Google's.
    cached = { token, expiresAt: startedAt + lifetime * 1000 }
    return token
  }

  return {
    getToken() {
      if (cached !== undefined && now() < cached.expiresAt - margin) return Promise.resolve(cached.token)
      inflight ??= refresh().finally(() => {
        inflight = undefined
      })
      return inflight
    },
    invalidate() {
      cached = undefined
    },
  }
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function tokenError(status: number, body: Record<string, unknown>): GatewayError {
  const reason = [body.error, body.error_description].filter((part) => typeof part === 'string').join(': ')
  return new GatewayError(
    'provider_error',
    `Vertex AI token request failed (HTTP ${status})${reason === '' ? '' : `: ${reason}`}`,
    {
      retryable: status === 429 || status >= 500,
      meta: { token_status: status },
    },
  )
}
