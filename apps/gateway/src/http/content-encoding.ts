// Chooses the decompressor for a request's Content-Encoding; zstd only where this Node has it.
import type { Transform } from 'node:stream'
import * as zlib from 'node:zlib'
import { GatewayError } from '@gw/contract'

type DecoderFactory = (options: zlib.ZlibOptions) => Transform

// createZstdDecompress arrived in Node 22.15 / 23.8; on older Node zstd bodies get a 415.
const zstdFactory = (zlib as { createZstdDecompress?: DecoderFactory }).createZstdDecompress

const decoderFactories: ReadonlyMap<string, DecoderFactory> = new Map<string, DecoderFactory>([
  ['gzip', zlib.createGunzip],
  ['x-gzip', zlib.createGunzip],
  ['deflate', zlib.createInflate],
  ['br', (options) => zlib.createBrotliDecompress(options)],
  ...(zstdFactory === undefined ? [] : [['zstd', zstdFactory] as [string, DecoderFactory]]),
])

/** Content codings accepted on request bodies in this process, for error messages and docs. */
export const supportedContentEncodings: readonly string[] = ['identity', ...decoderFactories.keys()]

/**
 * The decoder factory for a `Content-Encoding` header: undefined for none/identity, a
 * GatewayError 415 `unsupported_media_type` for anything else this process cannot decode
 * (unknown codings, stacked codings such as `gzip, br`, zstd on a Node without it).
 *
 * @example
 * selectDecoder('gzip')?.({}) // a Gunzip transform
 * selectDecoder(undefined) // undefined: read the body as is
 */
export function selectDecoder(header: string | undefined): DecoderFactory | undefined {
  if (header === undefined) return undefined
  const coding = header.trim().toLowerCase()
  if (coding === '' || coding === 'identity') return undefined
  const factory = decoderFactories.get(coding)
  if (factory !== undefined) return factory
  throw new GatewayError(
    'unsupported_media_type',
    `Content-Encoding "${header}" is not supported; send one of: ${supportedContentEncodings.join(', ')}`,
    { meta: { supported_encodings: supportedContentEncodings } },
  )
}
