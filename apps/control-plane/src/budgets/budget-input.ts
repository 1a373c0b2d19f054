// Admin input schemas of budgets: create (scope, window, limit in USD, breach action) and patch.

import { budgetWindows } from '@gw/budget'
import { budgetScopes } from '@gw/contract'
import * as v from 'valibot'

const id = v.pipe(v.string(), v.minLength(1, 'must not be empty'))
const limitUsd = v.pipe(
  v.number(),
  v.minValue(0, 'must be at least 0'),
  v.maxValue(1_000_000_000, 'must be at most 1,000,000,000 USD'),
)
/** Share of the limit from which the gateway warns; null → the gateway's `GATEWAY_BUDGET_WARN_RATIO`. */
const warnRatio = v.nullable(
  v.pipe(
    v.number('must be a number between 0.01 and 1, or null'),
    v.minValue(0.01, 'must be at least 0.01'),
    v.maxValue(1, 'must be at most 1'),
  ),
)

/** `POST /budgets`. */
export const createBudgetSchema = v.strictObject({
  scope: v.picklist(budgetScopes, `must be one of ${budgetScopes.join(', ')}`),
  /** The organization, team, project, virtual key or principal the budget caps. */
  scope_id: id,
  window: v.picklist(budgetWindows, `must be one of ${budgetWindows.join(', ')}`),
  limit_usd: limitUsd,
  on_breach: v.optional(v.picklist(['block', 'warn'], 'must be block or warn'), 'block'),
  /** A provider credential id of the scope's organization: only that provider's spend counts. */
  provider_key: v.optional(v.nullable(id), null),
  name: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(200))), null),
  /**
   * A per-end-user template: each end user of the scope (`X-LangWatch-End-User-Id`, then the
   * body's `user`) gets its own bucket of `limit_usd`. Fixed at creation, like the scope.
   */
  per_end_user: v.optional(v.boolean('must be true or false'), false),
  /** Share of `limit_usd` (0.01–1) from which responses carry `X-LangWatch-Budget-Warning`; null → the gateway's default. */
  warn_ratio: v.optional(warnRatio, null),
})
export type CreateBudgetInput = v.InferOutput<typeof createBudgetSchema>

/** `PATCH /budgets/:id`: the scope is fixed; everything else may change. */
export const updateBudgetSchema = v.strictObject({
  window: v.optional(v.picklist(budgetWindows, `must be one of ${budgetWindows.join(', ')}`)),
  limit_usd: v.optional(limitUsd),
  on_breach: v.optional(v.picklist(['block', 'warn'], 'must be block or warn')),
  provider_key: v.optional(v.nullable(id)),
  name: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(200)))),
  warn_ratio: v.optional(warnRatio),
})
export type UpdateBudgetInput = v.InferOutput<typeof updateBudgetSchema>

/** `GET /budgets` filters. */
export const listBudgetsSchema = v.object({
  organization_id: v.optional(id),
  scope: v.optional(v.picklist(budgetScopes, `must be one of ${budgetScopes.join(', ')}`)),
  scope_id: v.optional(id),
})
export type ListBudgetsQuery = v.InferOutput<typeof listBudgetsSchema>
