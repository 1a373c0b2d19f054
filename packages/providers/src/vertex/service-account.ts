// Reads a Google service-account key (the `auth_credentials` of a Vertex provider) into what token exchange needs.

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
  if (record.type !== undefined && record.type !== 'service_account') {
    throw new TypeError(
      `Vertex AI auth_credentials has type "${String(record.type)}"; a service_account key is required`,
    )
  }
  const clientEmail = field('client_email')
  const privateKey = field('private_key')
  if (clientEmail === undefined) throw new TypeError('Vertex AI auth_credentials lacks client_email')
  if (privateKey === undefined || !privateKey.includes('PRIVATE KEY')) {
    throw new TypeError('Vertex AI auth_credentials lacks a PEM private_key')
  }
  const privateKeyId = field('private_key_id')
  return {
    clientEmail,
    privateKey,
    tokenUri: field('token_uri') ?? defaultTokenUri,
    ...(privateKeyId === undefined ? {} : { privateKeyId }),
  }
}
