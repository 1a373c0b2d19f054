// The ordered list of schema migrations; append new ones, never edit an applied one.
import { migration0001Init } from './0001-init.js'
import { migration0002KeyCacheDigest } from './0002-key-cache-digest.js'
import { migration0003ProjectTraceSettings } from './0003-project-trace-settings.js'
import { migration0004Guardrails } from './0004-guardrails.js'
import { migration0005Budgets } from './0005-budgets.js'
import { migration0006EndUserBudgets } from './0006-end-user-budgets.js'
import { migration0007RoutingPolicies } from './0007-routing-policies.js'
import { migration0008BudgetWarnRatio } from './0008-budget-warn-ratio.js'
import { migration0009KeyConfigDigest } from './0009-key-config-digest.js'
import { migration0010SpendRecordsJson } from './0010-spend-records-json.js'

/** One schema change, applied once and recorded in `schema_migrations`. */
export interface Migration {
  /** Sortable, unique name, e.g. `0001_init`. */
  version: string
  sql: string
}

/** Every migration in the order it applies. */
export const migrations: readonly Migration[] = [
  migration0001Init,
  migration0002KeyCacheDigest,
  migration0003ProjectTraceSettings,
  migration0004Guardrails,
  migration0005Budgets,
  migration0006EndUserBudgets,
  migration0007RoutingPolicies,
  migration0008BudgetWarnRatio,
  migration0009KeyConfigDigest,
  migration0010SpendRecordsJson,
]
