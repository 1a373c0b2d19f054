// Budgets: the live bars, create, change the limit or warn threshold, reset, delete — all through /api/admin/budgets.
import type { Hono } from 'hono'
import { changeAdmin, field, readAdmin } from './admin-pages.js'
import { warnRatioOfPercent } from './budget-warn.js'
import { type Budget, BudgetsView, type BudgetTarget } from './budgets-view.js'
import type { ConsoleDeps, ConsoleEnv } from './console-env.js'
import type { VirtualKey } from './keys-view.js'
import { readTenancy } from './projects-page.js'

const budgetPath = (id: string) => `/budgets/${encodeURIComponent(id)}`

/**
 * Adds `/budgets` (list, create) and `/budgets/:id/{limit,warn,reset,delete}`.
 *
 * @example
 * addBudgetsPage(guarded, deps)
 */
export function addBudgetsPage(routes: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  routes.get('/budgets', async (c) => {
    const [tenancy, keys, budgets] = await Promise.all([
      readTenancy(deps, c),
      readAdmin<{ data: VirtualKey[] }>(deps, c, '/virtual-keys'),
      readAdmin<{ data: Budget[] }>(deps, c, '/budgets'),
    ])
    const targets: BudgetTarget[] = [
      ...keys.data
        .filter((key) => key.status !== 'revoked')
        .map((key) => ({ scope: 'virtual_key', id: key.id, label: `key: ${key.name}` })),
      ...tenancy.projects.map((p) => ({ scope: 'project', id: p.id, label: `project: ${p.name}` })),
      ...tenancy.teams.map((t) => ({ scope: 'team', id: t.id, label: `team: ${t.name}` })),
      ...tenancy.organizations.map((o) => ({
        scope: 'organization',
        id: o.id,
        label: `organisation: ${o.name}`,
      })),
    ]
    return c.html(<BudgetsView session={c.get('session')} budgets={budgets.data} targets={targets} />)
  })
  routes.post('/budgets', async (c) => {
    const form = await c.req.parseBody()
    const [scope = '', ...rest] = field(form, 'target').split(':')
    const name = field(form, 'name')
    const warnRatio = warnRatioOfPercent(field(form, 'warn_percent'))
    const body = {
      scope,
      scope_id: rest.join(':'),
      window: field(form, 'window'),
      limit_usd: Number(field(form, 'limit_usd')),
      on_breach: field(form, 'on_breach') || 'block',
      ...(name === '' ? {} : { name }),
      ...(warnRatio === null ? {} : { warn_ratio: warnRatio }),
    }
    return changeAdmin(deps, c, 'POST', '/budgets', body, 'Budget created.', '/console/budgets')
  })
  routes.post('/budgets/:id/limit', async (c) => {
    const form = await c.req.parseBody()
    const body = { limit_usd: Number(field(form, 'limit_usd')) }
    return changeAdmin(
      deps,
      c,
      'PATCH',
      budgetPath(c.req.param('id')),
      body,
      'Limit saved.',
      '/console/budgets',
    )
  })
  routes.post('/budgets/:id/warn', async (c) => {
    const form = await c.req.parseBody()
    const body = { warn_ratio: warnRatioOfPercent(field(form, 'warn_percent')) }
    return changeAdmin(
      deps,
      c,
      'PATCH',
      budgetPath(c.req.param('id')),
      body,
      'Warn threshold saved.',
      '/console/budgets',
    )
  })
  routes.post('/budgets/:id/reset', async (c) =>
    changeAdmin(
      deps,
      c,
      'POST',
      `${budgetPath(c.req.param('id'))}/reset`,
      undefined,
      'Spend reset.',
      '/console/budgets',
    ),
  )
  routes.post('/budgets/:id/delete', async (c) =>
    changeAdmin(
      deps,
      c,
      'DELETE',
      budgetPath(c.req.param('id')),
      undefined,
      'Budget deleted.',
      '/console/budgets',
    ),
  )
}
