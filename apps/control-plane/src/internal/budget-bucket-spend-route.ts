// GET /api/internal/gateway/budget-bucket-spend: the spend of one per-end-user budget bucket.
import { budgetBucketSpendQuerySchema, GatewayError } from '@gw/contract'
import type { Handler } from 'hono'
import { loadEndUserSpend } from '../budgets/end-user-spend.js'
import { validate } from '../http/parse-body.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import type { InternalEnv } from './internal-env.js'

/**
 * Builds the bucket-spend handler (signed like every internal route). Both query parameters are
 * required (400 `missing_parameter`, as LangWatch's control plane answers). Answers the end
 * user's spend in the template's current window (0 for an end user with none yet) as
 * `{spent_micro_usd, bucket}`; 404 `budget_not_found` when `budget_id` names no per-end-user
 * budget. The gateway reads it for an end-user bucket it has not seen.
 *
 * @example
 * internal.get('/budget-bucket-spend', createBudgetBucketSpendHandler(deps))
 */
export function createBudgetBucketSpendHandler(
  deps: Pick<ControlPlaneDeps, 'db' | 'now'>,
): Handler<InternalEnv> {
  return async (c) => {
    const query = validate(budgetBucketSpendQuerySchema, c.req.query())
    if (query.budget_id === '' || query.end_user_id === '') {
      throw new GatewayError(
        'missing_parameter',
        'Query parameters "budget_id" and "end_user_id" are required',
        {
          meta: { parameters: ['budget_id', 'end_user_id'] },
        },
      )
    }
    const spend = await loadEndUserSpend(deps.db, query.budget_id, query.end_user_id, deps.now())
    return c.json({ spent_micro_usd: spend.spent_micro_usd, bucket: spend.bucket })
  }
}
