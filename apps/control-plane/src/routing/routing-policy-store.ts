// Routing policies in the database; updates and deletions append ROUTING_POLICY_* so gateways refetch.
import { GatewayError } from '@gw/contract'
import { appendChange, type ChangeKind } from '../changes/change-log.js'
import type { Queryable } from '../db/database.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { newId } from '../shared/ids.js'
import { rethrowConflict } from '../shared/sql-errors.js'
import { getProjectRecord } from '../tenancy/projects.js'
import {
  type CreateRoutingPolicyInput,
  checkRoutingTargets,
  type RoutingPolicyTarget,
  type UpdateRoutingPolicyInput,
} from './routing-policy-input.js'

/** A routing policy as stored and shown. */
export interface RoutingPolicy {
  id: string
  organization_id: string
  project_id: string
  name: string
  strategy: CreateRoutingPolicyInput['strategy']
  targets: RoutingPolicyTarget[]
  sticky_sessions: boolean
  created_at: string
  updated_at: string
}

type Deps = Pick<ControlPlaneDeps, 'db' | 'notifier' | 'now'>
const columns =
  'id, organization_id, project_id, name, strategy, targets, sticky_sessions, created_at, updated_at'

function toPolicy(row: Record<string, unknown>): RoutingPolicy {
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value))
  return {
    ...(row as unknown as RoutingPolicy),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  }
}

async function projectCredentials(db: Queryable, projectId: string): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>(
    'select id from provider_credentials where project_id = $1',
    [projectId],
  )
  return new Set(rows.map((row) => row.id))
}

async function record(tx: Queryable, policy: RoutingPolicy, kind: ChangeKind, nowMs: number): Promise<void> {
  await appendChange(tx, policy.organization_id, { kind, project_id: policy.project_id }, nowMs)
}

/**
 * Creates a policy after checking its targets are credentials of its project. No change is
 * appended: no key names the policy yet, so nothing a gateway caches is touched.
 *
 * @example
 * await createRoutingPolicy(deps, { project_id, name: 'eu-first', strategy: 'weighted', targets, sticky_sessions: true })
 */
export async function createRoutingPolicy(
  deps: Deps,
  input: CreateRoutingPolicyInput,
): Promise<RoutingPolicy> {
  const project = await getProjectRecord(deps.db, input.project_id)
  checkRoutingTargets(input.targets, await projectCredentials(deps.db, project.id))
  const nowMs = deps.now()
  const { rows } = await deps.db
    .query(
      `insert into routing_policies (${columns}) values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning ${columns}`,
      [
        newId('rp', nowMs),
        project.organization_id,
        project.id,
        input.name,
        input.strategy,
        JSON.stringify(input.targets),
        input.sticky_sessions,
        new Date(nowMs),
      ],
    )
    .catch(
      rethrowConflict(`A routing policy named "${input.name}" already exists in the project`, {
        field: 'name',
      }),
    )
  return toPolicy(rows[0]!)
}

/** Policies of a project (or all), oldest first. */
export async function listRoutingPolicies(
  db: Queryable,
  projectId: string | undefined,
): Promise<RoutingPolicy[]> {
  const { rows } = await db.query(
    `select ${columns} from routing_policies where ($1::text is null or project_id = $1) order by id`,
    [projectId ?? null],
  )
  return rows.map(toPolicy)
}

/** One policy; 404 `not_found` when absent. */
export async function getRoutingPolicy(db: Queryable, id: string): Promise<RoutingPolicy> {
  const { rows } = await db.query(`select ${columns} from routing_policies where id = $1`, [id])
  if (rows[0] === undefined)
    throw new GatewayError('not_found', `Routing policy "${id}" not found`, { meta: { id } })
  return toPolicy(rows[0])
}

/** Updates the given fields (targets checked again) and appends ROUTING_POLICY_UPDATED. */
export async function updateRoutingPolicy(
  deps: Deps,
  id: string,
  input: UpdateRoutingPolicyInput,
): Promise<RoutingPolicy> {
  const current = await getRoutingPolicy(deps.db, id)
  const next = {
    ...current,
    ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
  } as RoutingPolicy
  checkRoutingTargets(next.targets, await projectCredentials(deps.db, current.project_id))
  const nowMs = deps.now()
  const row = await deps.db.transaction(async (tx) => {
    const { rows } = await tx
      .query(
        `update routing_policies set name = $2, strategy = $3, targets = $4, sticky_sessions = $5, updated_at = $6
         where id = $1 returning ${columns}`,
        [id, next.name, next.strategy, JSON.stringify(next.targets), next.sticky_sessions, new Date(nowMs)],
      )
      .catch(
        rethrowConflict(`A routing policy named "${next.name}" already exists in the project`, {
          field: 'name',
        }),
      )
    await record(tx, current, 'ROUTING_POLICY_UPDATED', nowMs)
    return rows[0]!
  })
  deps.notifier.notify(current.organization_id)
  return toPolicy(row)
}

/**
 * Deletes a policy and appends ROUTING_POLICY_DELETED. Keys that named it keep
 * `routing_mode: policy` with `routing_policy: null` and route as `fallback_all` until changed.
 */
export async function deleteRoutingPolicy(deps: Deps, id: string): Promise<void> {
  const current = await getRoutingPolicy(deps.db, id)
  await deps.db.transaction(async (tx) => {
    await tx.query('delete from routing_policies where id = $1', [id])
    await record(tx, current, 'ROUTING_POLICY_DELETED', deps.now())
  })
  deps.notifier.notify(current.organization_id)
}
