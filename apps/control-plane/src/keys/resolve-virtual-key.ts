// POST /resolve-key's logic: presented key → digest → key row → state check → signed bundle.
import {
  type BundleClaimsInput,
  isWellFormedVirtualKey,
  parseVirtualKeyId,
  pepperedDigest,
  signBundle,
} from '@gw/auth-cache'
import { GatewayError, type ResolveKeyResponse } from '@gw/contract'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { digestMatches, effectiveKeyState } from './key-state.js'
import { expiresAtSeconds, findVirtualKeyByDigest, type VirtualKeyRecord } from './virtual-key-store.js'

/** Options for {@link resolveVirtualKey}. */
export interface ResolveVirtualKeyOptions {
  /** `LW_GATEWAY_JWT_SECRET`. */
  jwtSecret: string
  /** Bundle lifetime in seconds (`CONTROL_PLANE_BUNDLE_TTL`). */
  bundleTtlSeconds: number
}

const stateErrors = {
  revoked: ['virtual_key_revoked', 'Virtual key has been revoked'],
  disabled: ['virtual_key_disabled', 'Virtual key is disabled'],
  expired: ['virtual_key_expired', 'Virtual key has expired'],
} as const

// Unknown and malformed keys get this very error so a caller cannot tell them apart.
function keyNotFound(): GatewayError {
  return new GatewayError('virtual_key_not_found', 'Virtual key not found', { status: 401 })
}

/**
 * Resolves a presented key. Throws 401 `virtual_key_not_found` (unknown, malformed, or a
 * rotated-out secret past its grace) or 403 `virtual_key_revoked|disabled|expired`.
 *
 * @example
 * const { jwt } = await resolveVirtualKey(deps, rawKey, { jwtSecret, bundleTtlSeconds: 900 })
 */
export async function resolveVirtualKey(
  deps: Pick<ControlPlaneDeps, 'db' | 'pepper' | 'now'>,
  keyPresented: string,
  options: ResolveVirtualKeyOptions,
): Promise<ResolveKeyResponse> {
  if (!isWellFormedVirtualKey(keyPresented)) throw keyNotFound()
  const digest = pepperedDigest(deps.pepper, keyPresented)
  const record = await findVirtualKeyByDigest(deps.db, digest)
  const nowMs = deps.now()
  if (
    record === null ||
    record.id !== parseVirtualKeyId(keyPresented) ||
    !digestMatches(record, digest, nowMs)
  ) {
    throw keyNotFound()
  }
  const state = effectiveKeyState(record, nowMs)
  if (state !== 'active') {
    const [code, message] = stateErrors[state]
    throw new GatewayError(code, message, { meta: { key_id: record.id } })
  }
  // A bundle resolved through the secret a rotation replaced lives no longer than its grace.
  const graceEndsAt =
    record.digest === digest || record.previous_valid_until === null
      ? undefined
      : Math.floor(record.previous_valid_until.getTime() / 1000)
  const jwt = await signKeyBundle(record, options, deps.now, graceEndsAt)
  return { jwt, revision: String(record.revision), key_id: record.id, display_prefix: record.display_prefix }
}

/** The fields of a key row its bundle claims come from. */
export type BundleKeyFields = Pick<
  VirtualKeyRecord,
  'id' | 'organization_id' | 'project_id' | 'team_id' | 'principal_id' | 'revision' | 'expires_at'
>

/**
 * The bundle claims of a key row, before `iat`/`exp`/`iss`/`aud` are added.
 *
 * @example
 * const claims = buildBundleClaims(bundleClaimsInput(record), { ttlSeconds: 900 })
 */
export function bundleClaimsInput(record: BundleKeyFields): BundleClaimsInput {
  return {
    vk_id: record.id,
    org_id: record.organization_id,
    project_id: record.project_id,
    team_id: record.team_id,
    principal_id: record.principal_id,
    revision: String(record.revision),
    vk_expires_at: expiresAtSeconds(record),
  }
}

/**
 * Signs the bundle JWT of an active key row (what resolve-key hands out); with `notAfterSeconds`
 * (the end of a rotation grace) the bundle expires no later than that.
 *
 * @example
 * const jwt = await signKeyBundle(record, { jwtSecret, bundleTtlSeconds: 900 }, deps.now)
 */
export function signKeyBundle(
  record: BundleKeyFields,
  options: ResolveVirtualKeyOptions,
  now: () => number,
  notAfterSeconds?: number,
): Promise<string> {
  const ttlSeconds =
    notAfterSeconds === undefined
      ? options.bundleTtlSeconds
      : Math.max(1, Math.min(options.bundleTtlSeconds, notAfterSeconds - Math.floor(now() / 1000)))
  return signBundle(bundleClaimsInput(record), { secret: options.jwtSecret, ttlSeconds, now })
}
