// Key lifecycle: create, update, disable/enable/revoke, rotate; each change appends to the feed and wakes pollers.
import { GatewayError } from '@gw/contract'
import { appendChange, type ChangeKind } from '../changes/change-log.js'
import type { Queryable } from '../db/database.js'
import { checkKeyRouting } from '../routing/check-key-routing.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { newUlid } from '../shared/ids.js'
import { getPrincipal } from '../tenancy/principals.js'
import { getProjectRecord } from '../tenancy/projects.js'
import { checkGuardrailAttachments, definedGuardrailIds } from './check-guardrail-attachments.js'
import { defaultKeyPolicy, type KeyPolicyInput, mergeKeyPolicy } from './key-policy.js'
import { type KeyEnvironment, mintVirtualKey } from './mint-virtual-key.js'
import {
  getVirtualKeyRecord,
  insertVirtualKey,
  saveVirtualKey,
  toVirtualKey,
  type VirtualKey,
  type VirtualKeyRecord,
} from './virtual-key-store.js'

type KeyDeps = Pick<ControlPlaneDeps, 'db' | 'pepper' | 'notifier' | 'now'>

/** A key together with its full value, returned once by create and rotate. */
export interface IssuedKey {
  virtual_key: VirtualKey
  /** The full key: shown once, stored nowhere. */
  key: string
}

/** Fields to create a key. */
export interface CreateVirtualKeyInput {
  project_id: string
  principal_id?: string | null | undefined
  name: string
  environment?: KeyEnvironment | undefined
  /** ISO-8601; null or absent → never expires. */
  expires_at?: string | null | undefined
  config?: KeyPolicyInput | undefined
}

async function checkFallbackChain(
  db: Queryable,
  projectId: string,
  input: KeyPolicyInput | undefined,
): Promise<void> {
  const chain = input?.fallback?.chain ?? []
  if (chain.length === 0) return
  const { rows } = await db.query<{ id: string }>(
    'select id from provider_credentials where project_id = $1 and id = any($2::text[])',
    [projectId, chain],
  )
  const known = new Set(rows.map((row) => row.id))
  const index = chain.findIndex((id) => !known.has(id))
  if (index !== -1) {
    throw new GatewayError(
      'bad_request',
      `Invalid field "config.fallback.chain.${index}": provider credential "${chain[index]}" not found in project`,
      { meta: { field: `config.fallback.chain.${index}` } },
    )
  }
}

function parseExpiry(value: string | null | undefined): Date | null {
  return value === undefined || value === null ? null : new Date(value)
}

/**
 * Creates a key in a project (team from the project) and returns it with the full key, once.
 *
 * @example
 * const { key, virtual_key } = await createVirtualKey(deps, { project_id, name: 'ci' })
 */
export async function createVirtualKey(deps: KeyDeps, input: CreateVirtualKeyInput): Promise<IssuedKey> {
  const nowMs = deps.now()
  const expiresAt = parseExpiry(input.expires_at)
  if (expiresAt !== null && expiresAt.getTime() <= nowMs) {
    throw new GatewayError('bad_request', 'Invalid field "expires_at": must be in the future', {
      meta: { field: 'expires_at' },
    })
  }
  const project = await getProjectRecord(deps.db, input.project_id)
  const principalId = input.principal_id ?? null
  if (principalId !== null) {
    const principal = await getPrincipal(deps.db, principalId)
    if (principal.organization_id !== project.organization_id) {
      throw new GatewayError(
        'not_found',
        `Principal "${principalId}" not found in the project's organization`,
        {
          meta: { field: 'principal_id' },
        },
      )
    }
  }
  await checkFallbackChain(deps.db, project.id, input.config)
  checkGuardrailAttachments(input.config, definedGuardrailIds)
  await checkKeyRouting(deps.db, project.id, mergeKeyPolicy(defaultKeyPolicy(), input.config ?? {}))
  const id = newUlid(nowMs)
  const minted = mintVirtualKey({ id, environment: input.environment ?? 'live', pepper: deps.pepper })
  const now = new Date(nowMs)
  const record = await deps.db.transaction(async (tx) => {
    const revision = await appendChange(
      tx,
      project.organization_id,
      { kind: 'VK_CREATED', virtual_key_id: id, project_id: project.id },
      nowMs,
    )
    const created: VirtualKeyRecord = {
      id,
      organization_id: project.organization_id,
      project_id: project.id,
      team_id: project.team_id,
      principal_id: principalId,
      name: input.name,
      environment: input.environment ?? 'live',
      display_prefix: minted.displayPrefix,
      digest: minted.digest,
      cache_digest: minted.cacheDigest,
      previous_digest: null,
      previous_valid_until: null,
      status: 'active',
      expires_at: expiresAt,
      config: mergeKeyPolicy(defaultKeyPolicy(), input.config ?? {}),
      revision,
      created_at: now,
      updated_at: now,
    }
    await insertVirtualKey(tx, created)
    return created
  })
  deps.notifier.notify(record.organization_id)
  return { virtual_key: toVirtualKey(record, nowMs), key: minted.key }
}

/**
 * Locks the key, lets `change` edit it, and — when `change` returns a kind — bumps its
 * revision to the new feed revision and saves it. Returns the key as stored afterwards.
 */
async function changeKey(
  deps: KeyDeps,
  id: string,
  change: (record: VirtualKeyRecord, tx: Queryable) => Promise<ChangeKind | null> | ChangeKind | null,
): Promise<VirtualKeyRecord> {
  const nowMs = deps.now()
  let changed = false
  const record = await deps.db.transaction(async (tx) => {
    const current = await getVirtualKeyRecord(tx, id, { forUpdate: true })
    const kind = await change(current, tx)
    if (kind === null) return current
    current.revision = await appendChange(
      tx,
      current.organization_id,
      { kind, virtual_key_id: current.id, project_id: current.project_id },
      nowMs,
    )
    current.updated_at = new Date(nowMs)
    await saveVirtualKey(tx, current)
    changed = true
    return current
  })
  if (changed) deps.notifier.notify(record.organization_id)
  return record
}

function refuseRevoked(record: VirtualKeyRecord, action: string): void {
  if (record.status === 'revoked') {
    throw new GatewayError('conflict', `Virtual key "${record.id}" is revoked and cannot be ${action}`, {
      meta: { id: record.id, status: 'revoked' },
    })
  }
}

/** Fields a patch may change. */
export interface UpdateVirtualKeyInput {
  name?: string | undefined
  expires_at?: string | null | undefined
  config?: KeyPolicyInput | undefined
}

/**
 * Updates name, expiry and/or policy (each given policy field replaces the stored one).
 *
 * @example
 * await updateVirtualKey(deps, id, { config: { rate_limits: { rpm: 60, rpd: null, tpm: null } } })
 */
export async function updateVirtualKey(
  deps: KeyDeps,
  id: string,
  input: UpdateVirtualKeyInput,
): Promise<VirtualKey> {
  const record = await changeKey(deps, id, async (current, tx): Promise<ChangeKind> => {
    refuseRevoked(current, 'updated')
    await checkFallbackChain(tx, current.project_id, input.config)
    checkGuardrailAttachments(input.config, definedGuardrailIds)
    if (input.name !== undefined) current.name = input.name
    if (input.expires_at !== undefined) current.expires_at = parseExpiry(input.expires_at)
    if (input.config !== undefined) current.config = mergeKeyPolicy(current.config, input.config)
    await checkKeyRouting(tx, current.project_id, current.config)
    return 'VK_CONFIG_UPDATED'
  })
  return toVirtualKey(record, deps.now())
}

/** Status changes an admin can make. */
export type KeyStatusAction = 'disable' | 'enable' | 'revoke'

const transitions = {
  disable: { status: 'disabled', kind: 'VK_DISABLED' },
  enable: { status: 'active', kind: 'VK_ENABLED' },
  revoke: { status: 'revoked', kind: 'VK_REVOKED' },
} as const

/**
 * Disables, enables or revokes a key. Revocation is final (a revoked key cannot be enabled);
 * repeating the current state is a no-op without a feed entry.
 *
 * @example
 * await setVirtualKeyStatus(deps, id, 'revoke')
 */
export async function setVirtualKeyStatus(
  deps: KeyDeps,
  id: string,
  action: KeyStatusAction,
): Promise<VirtualKey> {
  const transition = transitions[action]
  const record = await changeKey(deps, id, (current) => {
    if (current.status === transition.status) return null
    refuseRevoked(current, `${action}d`)
    current.status = transition.status
    if (action === 'revoke') {
      current.previous_digest = null
      current.previous_valid_until = null
    }
    return transition.kind
  })
  return toVirtualKey(record, deps.now())
}

/**
 * Issues a new secret for the same key id. With `graceSeconds > 0` the old secret keeps
 * resolving until then; with 0 it stops at once.
 *
 * @example
 * const { key } = await rotateVirtualKey(deps, id, { graceSeconds: 3600 })
 */
export async function rotateVirtualKey(
  deps: KeyDeps,
  id: string,
  options: { graceSeconds?: number } = {},
): Promise<IssuedKey> {
  const graceSeconds = options.graceSeconds ?? 0
  let key = ''
  const record = await changeKey(deps, id, (current) => {
    refuseRevoked(current, 'rotated')
    const minted = mintVirtualKey({ id: current.id, environment: current.environment, pepper: deps.pepper })
    key = minted.key
    current.previous_digest = graceSeconds > 0 ? current.digest : null
    current.previous_valid_until = graceSeconds > 0 ? new Date(deps.now() + graceSeconds * 1000) : null
    current.digest = minted.digest
    current.cache_digest = minted.cacheDigest
    return 'VK_ROTATED'
  })
  return { virtual_key: toVirtualKey(record, deps.now()), key }
}
