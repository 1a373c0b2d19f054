// AWS Signature Version 4 for Bedrock Runtime requests (`@smithy/signature-v4` with a pure-JS SHA-256).
import type { SignatureV4 } from '@smithy/signature-v4'
import { loadEventStreamCodec } from './event-stream-decoder.js'

/** AWS credentials: a long-term key pair, or temporary ones with their session token. */
export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** Options of {@link createBedrockSigner}. */
export interface BedrockSignerOptions {
  /** AWS region of the endpoint, e.g. `us-east-1` (part of the signature's scope). */
  region: string
  credentials: AwsCredentials
  /** Signing name. Default `bedrock` (Bedrock Runtime's). */
  service?: string
  /** Clock in ms for `x-amz-date`. Default `Date.now`. */
  now?: () => number
}

/** One request to sign. */
export interface SignableRequest {
  method: string
  /** Absolute URL; its path must already be percent-encoded as sent (see `bedrockModelPath`). */
  url: string | URL
  /** Headers to send and sign besides `host` and the `x-amz-*` ones (e.g. `content-type`, `accept`). */
  headers?: Record<string, string>
  body?: string | Uint8Array
}

/** Signs requests with one set of credentials; the signing key is derived once per day and reused. */
export interface BedrockSigner {
  /** The headers to send: the given ones plus `host`, `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token` and `authorization`. */
  sign(request: SignableRequest): Promise<Record<string, string>>
}

/**
 * Creates a signer. The canonical URI is the URL's (already encoded) path encoded once more, as
 * AWS requires for every service but S3, so a model id `…-v1:0` sent as `…-v1%3A0` is signed as
 * `…-v1%253A0`. Send the returned `host` header as is (it includes a non-default port).
 *
 * @example
 * const signer = createBedrockSigner({ region: 'us-east-1', credentials: { accessKeyId, secretAccessKey } })
 * const headers = await signer.sign({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body })
 */
export function createBedrockSigner(options: BedrockSignerOptions): BedrockSigner {
  const now = options.now ?? Date.now
  // The AWS libraries load on first use, so apps that never call Bedrock do not pay for them at
  // start-up; the event-stream codec loads alongside, before any Bedrock response can arrive.
  let signer: Promise<SignatureV4> | undefined
  const loadSigner = async (): Promise<SignatureV4> => {
    const [{ Sha256 }, { SignatureV4 }] = await Promise.all([
      import('@aws-crypto/sha256-js'),
      import('@smithy/signature-v4'),
      loadEventStreamCodec(),
    ])
    return new SignatureV4({
      service: options.service ?? 'bedrock',
      region: options.region,
      credentials: { ...options.credentials },
      sha256: Sha256,
      uriEscapePath: true,
      applyChecksum: true,
    })
  }
  return {
    async sign(request) {
      const url = typeof request.url === 'string' ? new URL(request.url) : request.url
      const headers: Record<string, string> = { host: url.host }
      for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value
      const query: Record<string, string | string[]> = {}
      for (const key of new Set(url.searchParams.keys())) {
        const values = url.searchParams.getAll(key)
        query[key] = values.length === 1 ? (values[0] as string) : values
      }
      signer ??= loadSigner()
      const signed = await (await signer).sign(
        {
          method: request.method.toUpperCase(),
          protocol: url.protocol,
          hostname: url.hostname,
          path: url.pathname,
          query,
          headers,
          body: request.body ?? '',
        },
        { signingDate: new Date(now()) },
      )
      return { ...(signed.headers as Record<string, string>) }
    },
  }
}

/** Options of {@link signBedrockRequest}: a signer's options and one request. */
export type SignBedrockRequestOptions = BedrockSignerOptions & SignableRequest

/**
 * Signs one request (a convenience over {@link createBedrockSigner}; keep a signer per credential
 * on hot paths).
 *
 * @example
 * const headers = await signBedrockRequest({ region: 'us-east-1', credentials, method: 'POST', url, headers: { 'content-type': 'application/json' }, body })
 */
export function signBedrockRequest(options: SignBedrockRequestOptions): Promise<Record<string, string>> {
  const { method, url, headers, body, ...signerOptions } = options
  return createBedrockSigner(signerOptions).sign({
    method,
    url,
    ...(headers === undefined ? {} : { headers }),
    ...(body === undefined ? {} : { body }),
  })
}
