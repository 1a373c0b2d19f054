// Test helpers: well-formed keys, resolved entries with chosen expiries, a controllable resolver.
import { GatewayError, parseGatewayKeyConfig } from '@gw/contract'
import type { AuthCacheEvent, ResolvedEntry } from '../auth-cache.js'

export const T0 = 1_750_000_000_000

/** A distinct well-formed virtual key per index. */
export function rawKey(index: number): string {
  return `lw_vk_live_01J9ZK3V7Q8R2W5X6Y7Z8A9B0C${String(index).padStart(24, 'x')}`
}

export function resolvedEntry(
  vkId: string,
  options: { now: number; ttlSeconds?: number; vkExpiresAt?: number | null; revision?: string } = { now: T0 },
): ResolvedEntry {
  const iat = Math.floor(options.now / 1000)
  return {
    jwt: `jwt-${vkId}-${iat}`,
    etag: '"e1"',
    config: parseGatewayKeyConfig({ project_id: 'prj_1' }),
    claims: {
      vk_id: vkId,
      org_id: 'org_1',
      project_id: 'prj_1',
      team_id: null,
      principal_id: null,
      revision: options.revision ?? '1',
      vk_expires_at: options.vkExpiresAt ?? null,
      iat,
      exp: iat + (options.ttlSeconds ?? 900),
      iss: 'langwatch-control-plane',
      aud: 'langwatch-gateway',
    },
  }
}

/** An error shaped like the contract's ControlPlaneError. */
export function controlPlaneFailure(
  kind: 'auth' | 'transport',
  code: 'virtual_key_revoked' | 'virtual_key_disabled' | 'auth_upstream_unavailable',
) {
  return Object.assign(new GatewayError(code, 'control plane said no'), { kind })
}

export interface Deferred<T> {
  promise: Promise<T>
  resolve: (value: T) => void
  reject: (error: unknown) => void
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve
    reject = onReject
  })
  return { promise, resolve, reject }
}

/** A manual clock and an event recorder. */
export function harness() {
  let time = T0
  const events: AuthCacheEvent[] = []
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms
    },
    get time() {
      return time
    },
    events,
    onEvent: (event: AuthCacheEvent) => events.push(event),
    count: (event: AuthCacheEvent) => events.filter((seen) => seen === event).length,
  }
}

/** The bundle signing secret of the sign/verify tests. */
export const BUNDLE_SECRET = 'current-jwt-secret-0123456789abcdef'

/** A fixed clock for `now` options. */
export const fixedClock = (ms: number) => () => ms

/** The key claims a bundle is signed for (what the control plane passes to `signBundle`). */
export const bundleKeyClaims = {
  vk_id: 'vk_1',
  org_id: 'org_1',
  project_id: 'prj_1',
  team_id: 'team_1',
  principal_id: null,
  revision: '42',
  vk_expires_at: null,
}

/** Every claim a bundle issued at `issuedAtMs` with the default 900 s TTL carries. */
export function issuedBundleClaims(issuedAtMs: number) {
  return {
    ...bundleKeyClaims,
    iss: 'langwatch-control-plane',
    aud: 'langwatch-gateway',
    iat: issuedAtMs / 1000,
    exp: issuedAtMs / 1000 + 900,
  }
}
