// Reads Google user credentials (`gcloud auth application-default login`'s `authorized_user` file).
import { defaultTokenUri } from './service-account.js'

/** The fields of an `authorized_user` credential that the refresh-token grant uses. */
export interface AuthorizedUser {
  clientId: string
  clientSecret: string
  refreshToken: string
  /** Where the refresh token is exchanged. */
  tokenUri: string
}

/**
 * Parses an `authorized_user` credential (already JSON-decoded). Throws a `TypeError` naming the
 * missing field, never echoing a secret.
 *
 * @example
 * parseAuthorizedUser({ type: 'authorized_user', client_id: '…apps.googleusercontent.com', client_secret: '…', refresh_token: '1//…' })
 */
export function parseAuthorizedUser(record: Record<string, unknown>): AuthorizedUser {
  const field = (name: string) =>
    typeof record[name] === 'string' && record[name] !== '' ? (record[name] as string) : undefined
  const clientId = field('client_id')
  const clientSecret = field('client_secret')
  const refreshToken = field('refresh_token')
  for (const [name, value] of [
    ['client_id', clientId],
    ['client_secret', clientSecret],
    ['refresh_token', refreshToken],
  ] as const) {
    if (value === undefined) throw new TypeError(`Vertex AI authorized_user credentials lack ${name}`)
  }
  return {
    clientId: clientId as string,
    clientSecret: clientSecret as string,
    refreshToken: refreshToken as string,
    tokenUri: field('token_uri') ?? defaultTokenUri,
  }
}
