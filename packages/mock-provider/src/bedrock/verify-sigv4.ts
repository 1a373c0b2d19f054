// Verifies an AWS SigV4 `Authorization` header by re-signing the received request with the configured secret.
import { createHash } from 'node:crypto'
import { headerValue, safeEqual } from '../credentials.js'
import type { MockExchange } from '../exchange.js'
import { awsLibraries } from './aws-libraries.js'

/** Why a signature was refused: the AWS exception name and its message. */
export interface SigV4Failure {
  type: 'IncompleteSignatureException' | 'UnrecognizedClientException' | 'InvalidSignatureException'
  message: string
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/
const maxSkewMs = 15 * 60 * 1000
const mismatch: SigV4Failure = {
  type: 'InvalidSignatureException',
  message:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
}

function parseAmzDate(value: string | undefined): Date | undefined {
  const match = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!match) return undefined
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[]
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!))
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {}
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key)
    record[key] = values.length === 1 ? (values[0] as string) : values
  }
  return record
}

/**
 * Re-signs the request as received (same path bytes, query, signed headers, body hash, date,
 * region and service from the credential scope) and compares signatures in constant time.
 * Returns undefined when the signature is valid.
 */
export async function verifySigV4(
  exchange: MockExchange,
  credentials: { accessKeyId: string; secretAccessKey: string },
): Promise<SigV4Failure | undefined> {
  const authorization = headerValue(exchange.headers, 'authorization') ?? ''
  const parts = authorizationPattern.exec(authorization)
  if (!parts)
    return {
      type: 'IncompleteSignatureException',
      message: 'Authorization header requires a valid AWS4-HMAC-SHA256 signature.',
    }
  const [, accessKeyId, scopeDate, region, service, signedList, signature] = parts as unknown as string[]
  if (!safeEqual(accessKeyId, credentials.accessKeyId)) {
    return {
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    }
  }
  const amzDate = headerValue(exchange.headers, 'x-amz-date')
  const signingDate = parseAmzDate(amzDate)
  if (!signingDate || amzDate?.slice(0, 8) !== scopeDate) return mismatch
  if (Math.abs(exchange.settings.now() - signingDate.getTime()) > maxSkewMs) {
    return {
      type: 'InvalidSignatureException',
      message: `Signature expired: ${amzDate} is now earlier or later than allowed.`,
    }
  }
  const claimedHash = headerValue(exchange.headers, 'x-amz-content-sha256')
  if (claimedHash && claimedHash !== 'UNSIGNED-PAYLOAD') {
    const actual = createHash('sha256').update(exchange.body).digest('hex')
    if (claimedHash !== actual) return mismatch
  }
  const signedHeaders = signedList!.split(';')
  const headers: Record<string, string> = {}
  for (const name of signedHeaders) {
    const value = headerValue(exchange.headers, name)
    if (value !== undefined) headers[name] = value
  }
  const sessionToken = signedHeaders.includes('x-amz-security-token')
    ? headers['x-amz-security-token']
    : undefined
  const { SignatureV4, Sha256 } = awsLibraries()
  const signer = new SignatureV4({
    service: service!,
    region: region!,
    credentials: { ...credentials, ...(sessionToken ? { sessionToken } : {}) },
    sha256: Sha256,
    uriEscapePath: true,
    applyChecksum: false,
  })
  const signed = await signer.sign(
    {
      method: exchange.method,
      protocol: 'http:',
      hostname: headers.host ?? 'localhost',
      path: exchange.path,
      query: queryRecord(exchange.query),
      headers,
      body: exchange.body,
    },
    { signingDate, signableHeaders: new Set(signedHeaders) },
  )
  const recomputed = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ''))?.[1]
  return safeEqual(signature, recomputed ?? '') ? undefined : mismatch
}
