// Resolves a raw virtual key through the control plane: resolve-key, verify the bundle, fetch config.
import type { ResolvedEntry } from '@gw/auth-cache'
import type { BundleClaims, ControlPlaneClient, GetConfigResult } from '@gw/contract'

/** What {@link createKeyResolver} needs. */
export interface KeyResolverOptions {
  /** The signed control-plane client. */
  client: ControlPlaneClient
  /** Verifies a bundle JWT (current, then previous secret). */
  verifyBundle: (jwt: string) => Promise<BundleClaims>
}

/** The resolver and revalidator an AuthCache is built with. */
export interface KeyResolver {
  resolve(rawKey: string): Promise<ResolvedEntry>
  revalidate(entry: ResolvedEntry): Promise<GetConfigResult>
}

/**
 * Builds the AuthCache resolver: one `resolve-key` call, local JWT verification, then the key's
 * config (a 304 is impossible on a first fetch, so no ETag is sent).
 *
 * @example
 * const cache = createAuthCache(createKeyResolver({ client, verifyBundle }))
 */
export function createKeyResolver(options: KeyResolverOptions): KeyResolver {
  const { client, verifyBundle } = options
  return {
    async resolve(rawKey) {
      const resolved = await client.resolveKey(rawKey)
      const claims = await verifyBundle(resolved.jwt)
      const answer = await client.getConfig(claims.vk_id)
      if (answer.notModified) throw new Error('control plane answered 304 to a request without If-None-Match')
      return { claims, jwt: resolved.jwt, config: answer.config, etag: answer.etag }
    },
    revalidate(entry) {
      return client.getConfig(entry.claims.vk_id, entry.etag)
    },
  }
}
