// Admin routes for budgets (CRUD and reset) and for spend per day, key and model.
import { Hono } from 'hono'
import { createBudgetSchema, listBudgetsSchema, updateBudgetSchema } from '../budgets/budget-input.js'
import {
  createBudget,
  deleteBudget,
  getBudget,
  listBudgets,
  resetBudget,
  updateBudget,
} from '../budgets/budget-service.js'
import { loadEndUserSpend } from '../budgets/end-user-spend.js'
import { parseJsonBody, validate } from '../http/parse-body.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { querySpend, spendQuerySchema } from '../spend/query-spend.js'

/**
 * Builds the budget and spend admin routes (relative to /api/admin).
 *
 * @example
 * admin.route('/', createBudgetRoutes(deps))
 */
export function createBudgetRoutes(deps: ControlPlaneDeps): Hono {
  const routes = new Hono()
  routes.post('/budgets', async (c) =>
    c.json(await createBudget(deps, parseJsonBody(createBudgetSchema, await c.req.text())), 201),
  )
  routes.get('/budgets', async (c) =>
    c.json({ data: await listBudgets(deps.db, validate(listBudgetsSchema, c.req.query()), deps.now()) }),
  )
  routes.get('/budgets/:id', async (c) => c.json(await getBudget(deps.db, c.req.param('id'), deps.now())))
  routes.patch('/budgets/:id', async (c) =>
    c.json(
      await updateBudget(deps, c.req.param('id'), parseJsonBody(updateBudgetSchema, await c.req.text())),
    ),
  )
  routes.delete('/budgets/:id', async (c) => {
    await deleteBudget(deps, c.req.param('id'))
    return c.body(null, 204)
  })
  routes.get('/budgets/:id/end-users/:end_user_id', async (c) =>
    c.json(await loadEndUserSpend(deps.db, c.req.param('id'), c.req.param('end_user_id'), deps.now())),
  )
  routes.post('/budgets/:id/reset', async (c) => c.json(await resetBudget(deps, c.req.param('id'))))
  routes.get('/spend', async (c) =>
    c.json({ data: await querySpend(deps.db, validate(spendQuerySchema, c.req.query())) }),
  )
  return routes
}
