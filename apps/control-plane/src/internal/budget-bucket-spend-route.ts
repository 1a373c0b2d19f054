// GET /api/internal/gateway/budget-bucket-spend: the spend of one per-end-user budget bucket.
import { budgetBucketSpendQuerySchema, GatewayError } from '@gw/contract'
import type { Handler } from 'hono'
import { validate } from '../http/parse-body.js'
import type { InternalEnv } from './internal-env.js'

/**
 * Builds the bucket-spend handler. Both query parameters are required (400
 * `missing_parameter`, as LangWatch's control plane answers). Our budgets are scoped to
 * organizations, teams, projects, keys and principals, never to a caller's end users, so no
 * budget id names a per-end-user template: every well-formed query is 404 `budget_not_found`,
 * which LangWatch's gateway treats as an unreadable bucket and skips.
 *
 * @example
 * internal.get('/budget-bucket-spend', createBudgetBucketSpendHandler())
 */
export function createBudgetBucketSpendHandler(): Handler<InternalEnv> {
  return (c) => {
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
    throw new GatewayError(
      'budget_not_found',
      `No per-end-user budget "${query.budget_id}": this control plane's budgets are never scoped to end users`,
      { meta: { budget_id: query.budget_id } },
    )
  }
}
