// Loads the AWS libraries on the first Bedrock request, so the other wires never load or depend on them.
import type { EventStreamCodec } from '@smithy/eventstream-codec'
import type { SignatureV4 } from '@smithy/signature-v4'

/** What the Bedrock wire needs from the AWS libraries. */
export interface AwsLibraries {
  codec: EventStreamCodec
  fromUtf8: (text: string) => Uint8Array
  SignatureV4: typeof SignatureV4
  Sha256: typeof import('@aws-crypto/sha256-js').Sha256
}

let loading: Promise<AwsLibraries> | undefined
let loaded: AwsLibraries | undefined

/** Imports the libraries once; every Bedrock route awaits this before its handler runs. */
export function loadAwsLibraries(): Promise<AwsLibraries> {
  loading ??= Promise.all([
    import('@smithy/eventstream-codec'),
    import('@smithy/util-utf8'),
    import('@smithy/signature-v4'),
    import('@aws-crypto/sha256-js'),
  ]).then(([codecModule, utf8, signature, sha]) => {
    loaded = {
      codec: new codecModule.EventStreamCodec(utf8.toUtf8, utf8.fromUtf8),
      fromUtf8: utf8.fromUtf8,
      SignatureV4: signature.SignatureV4,
      Sha256: sha.Sha256,
    }
    return loaded
  })
  return loading
}

/** The loaded libraries; only valid after {@link loadAwsLibraries} resolved. */
export function awsLibraries(): AwsLibraries {
  if (!loaded) throw new Error('AWS libraries are not loaded yet')
  return loaded
}
