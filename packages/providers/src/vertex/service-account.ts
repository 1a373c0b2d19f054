// Reads Google credentials (the `auth_credentials` of a Vertex provider) into what token exchange needs.
import { type AuthorizedUser, parseAuthorizedUser } from './authorized-user.js'

/** The fields of a service-account key that the JWT-bearer grant uses. */
export interface ServiceAccount {
  clientEmail: string
  /** PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  privateKey: string
  /** Signs the assertion's `kid` header when present. */
  privateKeyId?: string
  /** Where assertions are exchanged; also the assertion's audience. */
  tokenUri: string
}

/** Google's token endpoint, used when the key names none. */
export const defaultTokenUri = 'https://oauth2.googleapis.com/token'

/**
 * Parses and checks a service-account key given as JSON text or an object. Throws a `TypeError`
 * naming the missing field (never echoing the key), so a bad configuration fails when the
 * adapter is built.
 *
 * @example
 * parseServiceAccount('{"type":"service_account","client_email":"svc@p.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----…"}')
 */
export function parseServiceAccount(credentials: string | Record<string, unknown>): ServiceAccount {
  const parsed = parseGoogleCredentials(credentials)
  if (parsed.type !== 'service_account') {
    throw new TypeError(
      'Vertex AI auth_credentials has type "authorized_user"; a service_account key is required',
    )
  }
  return parsed.account
}

/** A Google credential the token source can exchange: a service-account key or user credentials. */
export type GoogleCredentials =
  | { type: 'service_account'; account: ServiceAccount; tokenUri: string }
  | { type: 'authorized_user'; user: AuthorizedUser; tokenUri: string }

/**
 * Parses `auth_credentials` (JSON text or an object): a `service_account` key, or the
 * `authorized_user` credentials that `gcloud auth application-default login` writes. Throws a
 * `TypeError` naming the missing field or the unsupported type, never echoing a secret.
 *
 * @example
 * parseGoogleCredentials(adcFileText).type // 'authorized_user'
 */
export function parseGoogleCredentials(credentials: string | Record<string, unknown>): GoogleCredentials {
  let json: unknown = credentials
  if (typeof credentials === 'string') {
    try {
      json = JSON.parse(credentials)
    } catch {
      throw new TypeError(
        'Vertex AI auth_credentials is not valid JSON (expected a service-account key file)',
      )
    }
  }
  const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {}
  const field = (name: string) =>
    typeof record[name] === 'string' && record[name] !== '' ? (record[name] as string) : undefined
  if (record.type === 'authorized_user') {
    const user = parseAuthorizedUser(record)
    return { type: 'authorized_user', user, tokenUri: user.tokenUri }
  }
  if (record.type !== undefined && record.type !== 'service_account') {
    throw new TypeError(
      `Vertex AI auth_credentials has type "${String(record.type)}"; a service_account key or authorized_user credentials are required`,
    )
  }
  const clientEmail = field('client_email')
  const privateKey = field('private_key')
  if (clientEmail === undefined) throw new TypeError('Vertex AI auth_credentials lacks client_email')
  if (privateKey === undefined || !privateKey.includes('PRIVATE KEY')) {
    throw new TypeError('Vertex AI auth_credentials lacks a PEM private_key')
  }
  const privateKeyId = field('private_key_id')
  const account: ServiceAccount = {
    clientEmail,
    privateKey,
    tokenUri: field('token_uri') ?? defaultTokenUri,
    ...(privateKeyId === undefined ? {} : { privateKeyId }),
  }
  return { type: 'service_account', account, tokenUri: account.tokenUri }
}
