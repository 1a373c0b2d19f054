// GET /changes long poll: which keys, budgets and providers changed since a revision.
import * as v from 'valibot'
import { revisionSchema } from './common.js'
import { parseWith } from './parse.js'

/** Every change kind the control plane emits; unknown kinds are passed through, not rejected. */
export const changeKinds = [
  'VK_CREATED',
  'VK_CONFIG_UPDATED',
  'VK_REVOKED',
  'VK_ROTATED',
  'VK_DISABLED',
  'VK_ENABLED',
  'BUDGET_CREATED',
  'BUDGET_UPDATED',
  'BUDGET_DELETED',
  'MODEL_PROVIDER_UPDATED',
  'CACHE_RULE_CREATED',
  'CACHE_RULE_UPDATED',
  'CACHE_RULE_DELETED',
  'ROUTING_POLICY_CREATED',
  'ROUTING_POLICY_UPDATED',
  'ROUTING_POLICY_DELETED',
] as const
export type ChangeKind = (typeof changeKinds)[number]

const knownKinds: ReadonlySet<string> = new Set(changeKinds)

/** True for a kind listed in {@link changeKinds}. */
export function isKnownChangeKind(kind: string): kind is ChangeKind {
  return knownKinds.has(kind)
}

/** Shortest and longest long-poll wait the control plane accepts (`timeout_s`). */
export const CHANGES_TIMEOUT_BOUNDS = { min: 1, max: 25 } as const

const optionalId = v.optional(v.nullable(v.string()))

export const changeSchema = v.object({
  kind: v.string(),
  virtual_key_id: optionalId,
  budget_id: optionalId,
  model_provider_id: optionalId,
  project_id: optionalId,
  revision: revisionSchema,
})

/** Body of a 200 answer from `GET /changes`. */
export const changesResponseSchema = v.object({
  current_revision: revisionSchema,
  changes: v.optional(v.array(changeSchema), () => []),
})

export type Change = v.InferOutput<typeof changeSchema>
export type ChangesResponse = v.InferOutput<typeof changesResponseSchema>

/**
 * Validates a changes answer; throws `internal_error` naming the field.
 *
 * @example
 * const { current_revision, changes } = parseChangesResponse(json)
 */
export function parseChangesResponse(json: unknown): ChangesResponse {
  return parseWith(changesResponseSchema, json, 'changes response', 'internal_error')
}
