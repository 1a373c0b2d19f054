// View of the budgets page: live spend bars (spent / limit, warn threshold, window, reset time, breach action) and the create form.
import { WarnRatioForm, WarnThreshold } from './budget-warn.js'
import { CsrfField, EmptyState, Layout } from './layout.js'
import type { ConsoleSession } from './session-store.js'

/** The admin API's budget with its current window's spend. */
export interface Budget {
  id: string
  scope: string
  scope_id: string
  window: string
  limit_usd: number
  on_breach: 'block' | 'warn'
  name: string | null
  spent_usd: number
  resets_at: string | null
  /** Share of the limit from which the gateway warns; null → the gateway's default. */
  warn_ratio?: number | null
}

/** Something a budget can cap, for the scope picker. */
export interface BudgetTarget {
  scope: string
  id: string
  label: string
}

const windows = ['minute', 'hour', 'day', 'week', 'month', 'total'] as const
const usd = (value: number) => `$${value.toFixed(value !== 0 && value < 0.01 ? 6 : 2)}`

function BudgetRow(props: { session: ConsoleSession; budget: Budget; targetLabel: string }) {
  const { session, budget } = props
  const title = budget.name ?? `${budget.scope} budget`
  const share = budget.limit_usd === 0 ? 1 : budget.spent_usd / budget.limit_usd
  return (
    <tr>
      <td>
        {title}
        <div class="muted">{props.targetLabel}</div>
      </td>
      <td>
        <progress
          value={Math.min(budget.spent_usd, budget.limit_usd)}
          max={budget.limit_usd === 0 ? 1 : budget.limit_usd}
          aria-label={`${title}: ${usd(budget.spent_usd)} spent of ${usd(budget.limit_usd)}`}
        />
        <div class={share >= 1 ? 'over' : ''}>
          {usd(budget.spent_usd)} of {usd(budget.limit_usd)} ({Math.round(share * 100)}%)
          {share >= 1 && (budget.on_breach === 'block' ? ': requests are refused' : ': over, warning only')}
        </div>
        <WarnThreshold warnRatio={budget.warn_ratio} share={share} />
      </td>
      <td>{budget.window}</td>
      <td>{budget.resets_at ?? 'never (total)'}</td>
      <td>{budget.on_breach}</td>
      <td class="actions">
        <form method="post" action={`/console/budgets/${budget.id}/limit`}>
          <CsrfField session={session} />
          <label for={`limit-${budget.id}`}>Limit $</label>
          <input
            id={`limit-${budget.id}`}
            name="limit_usd"
            type="number"
            min={0}
            step="any"
            value={String(budget.limit_usd)}
          />
          <button type="submit" class="secondary">
            Save limit
          </button>
        </form>
        <WarnRatioForm session={session} budgetId={budget.id} warnRatio={budget.warn_ratio} />
        <form method="post" action={`/console/budgets/${budget.id}/reset`}>
          <CsrfField session={session} />
          <button type="submit" class="secondary">
            Reset spend
          </button>
        </form>
        <form method="post" action={`/console/budgets/${budget.id}/delete`} data-confirm={`Delete ${title}?`}>
          <CsrfField session={session} />
          <button type="submit" class="danger">
            Delete
          </button>
        </form>
      </td>
    </tr>
  )
}

/** The budgets page. */
export function BudgetsView(props: { session: ConsoleSession; budgets: Budget[]; targets: BudgetTarget[] }) {
  const { session, budgets, targets } = props
  const labelOf = (budget: Budget) =>
    targets.find((target) => target.scope === budget.scope && target.id === budget.scope_id)?.label ??
    `${budget.scope} ${budget.scope_id}`
  return (
    <Layout title="Budgets" session={session} active="budgets">
      <div data-live-refresh="5">
        {budgets.length === 0 ? (
          <EmptyState>
            No budget yet. Add one below to cap what a key, project, team or organisation may spend per
            window.
          </EmptyState>
        ) : (
          <table>
            <caption class="visually-hidden">Budgets and their current spend (refreshed every 5 s)</caption>
            <thead>
              <tr>
                <th scope="col">Budget</th>
                <th scope="col">Spent of limit</th>
                <th scope="col">Window</th>
                <th scope="col">Resets at</th>
                <th scope="col">On breach</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {budgets.map((budget) => (
                <BudgetRow session={session} budget={budget} targetLabel={labelOf(budget)} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      {targets.length === 0 ? (
        <EmptyState>
          Create an organisation first (Projects page): every budget caps something in one.
        </EmptyState>
      ) : (
        <form method="post" action="/console/budgets" class="card">
          <h2>New budget</h2>
          <CsrfField session={session} />
          <label for="budget-target">Caps</label>
          <select id="budget-target" name="target" required>
            {targets.map((target) => (
              <option value={`${target.scope}:${target.id}`}>{target.label}</option>
            ))}
          </select>
          <label for="budget-window">Window</label>
          <select id="budget-window" name="window">
            {windows.map((window) => (
              <option value={window} selected={window === 'day'}>
                {window}
              </option>
            ))}
          </select>
          <label for="budget-limit">Limit (USD)</label>
          <input id="budget-limit" name="limit_usd" type="number" min={0} step="any" required />
          <label for="budget-breach">On breach</label>
          <select id="budget-breach" name="on_breach">
            <option value="block">block (refuse with 402)</option>
            <option value="warn">warn (let through, flag it)</option>
          </select>
          <label for="budget-warn">Warns at % of the limit (optional; empty: the gateway default)</label>
          <input id="budget-warn" name="warn_percent" type="number" min={1} max={100} step="any" />
          <label for="budget-name">Name (optional)</label>
          <input id="budget-name" name="name" maxlength={200} />
          <button type="submit">Create budget</button>
        </form>
      )}
    </Layout>
  )
}
