// Spend and usage per day by key, project or model over a date range: a uPlot chart and the same data as a table.
import type { Hono } from 'hono'
import { readAdmin } from './admin-pages.js'
import type { ConsoleDeps, ConsoleEnv } from './console-env.js'
import type { VirtualKey } from './keys-view.js'
import { EmptyState, Layout } from './layout.js'
import { readTenancy } from './projects-page.js'
import type { ConsoleSession } from './session-store.js'
import {
  buildSpendSeries,
  type SpendGrouping,
  type SpendMetric,
  type SpendRow,
  type SpendSeries,
} from './spend-series.js'

const isDay = (value: string | undefined): value is string =>
  value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value)
const groupings: SpendGrouping[] = ['key', 'project', 'model']
const metrics: SpendMetric[] = ['cost', 'requests', 'tokens']

interface SpendViewProps {
  session: ConsoleSession
  from: string
  to: string
  groupBy: SpendGrouping
  metric: SpendMetric
  data: SpendSeries
  dayLabels: string[]
}

function SpendView(props: SpendViewProps) {
  const { data } = props
  // JSON in a non-executed data block; "<" escaped so no value can close the element.
  const json = JSON.stringify({ ...data, metric: props.metric }).replace(/</g, '\\u003c')
  const format = (value: number) => (props.metric === 'cost' ? `$${value.toFixed(6)}` : String(value))
  return (
    <Layout
      title="Spend"
      session={props.session}
      active="spend"
      scripts={['/console/assets/uplot.js']}
      styles={['/console/assets/uplot.css']}
    >
      <form method="get" action="/console/spend" class="card actions">
        <div>
          <label for="spend-from">From</label>
          <input id="spend-from" name="from" type="date" value={props.from} required />
        </div>
        <div>
          <label for="spend-to">To</label>
          <input id="spend-to" name="to" type="date" value={props.to} required />
        </div>
        <div>
          <label for="spend-group">By</label>
          <select id="spend-group" name="group_by">
            {groupings.map((grouping) => (
              <option value={grouping} selected={grouping === props.groupBy}>
                {grouping}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="spend-metric">Show</label>
          <select id="spend-metric" name="metric">
            {metrics.map((metric) => (
              <option value={metric} selected={metric === props.metric}>
                {metric}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show</button>
      </form>
      {data.series.length === 0 ? (
        <EmptyState>
          No spend between {props.from} and {props.to}. Spend appears here once requests go through the
          gateway with a key that has a budget (or with GATEWAY_SPEND_RECORD=all on the gateway).
        </EmptyState>
      ) : (
        <>
          <figure class="card">
            <div
              id="spend-chart"
              class="chart"
              role="img"
              aria-label={`${props.metric} per day by ${props.groupBy}; the table below has the same numbers`}
            />
            <figcaption>
              {props.metric} per day by {props.groupBy}, {props.from} to {props.to} (UTC days)
            </figcaption>
          </figure>
          <script type="application/json" id="spend-data" dangerouslySetInnerHTML={{ __html: json }} />
          <table id="spend-table">
            <caption>
              {props.metric} per day by {props.groupBy}
            </caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {data.series.map((entry) => (
                  <th scope="col">{entry.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.dayLabels.map((day, at) => (
                <tr>
                  <th scope="row">{day}</th>
                  {data.series.map((entry) => (
                    <td>{format(entry.values[at] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Layout>
  )
}

/**
 * Adds `/spend`: `?from&to` (UTC days, default the last 14), `group_by` key|project|model, `metric`.
 *
 * @example
 * addSpendPage(guarded, deps)
 */
export function addSpendPage(
  routes: Hono<ConsoleEnv>,
  deps: ConsoleDeps,
  now: () => number = Date.now,
): void {
  routes.get('/spend', async (c) => {
    const query = c.req.query()
    const today = new Date(now()).toISOString().slice(0, 10)
    const to = isDay(query.to) ? query.to : today
    const from = isDay(query.from)
      ? query.from
      : new Date(Date.parse(`${to}T00:00:00Z`) - 13 * 86_400_000).toISOString().slice(0, 10)
    const groupBy = groupings.find((grouping) => grouping === query.group_by) ?? 'key'
    const metric = metrics.find((each) => each === query.metric) ?? 'cost'
    const [tenancy, keys, spend] = await Promise.all([
      readTenancy(deps, c),
      readAdmin<{ data: VirtualKey[] }>(deps, c, '/virtual-keys'),
      readAdmin<{ data: SpendRow[] }>(deps, c, `/spend?${new URLSearchParams({ from, to })}`),
    ])
    const names = new Map<string, string>([
      ...keys.data.map((key): [string, string] => [key.id, key.name]),
      ...tenancy.projects.map((project): [string, string] => [project.id, project.name]),
    ])
    const data = buildSpendSeries(spend.data, {
      from,
      to,
      groupBy,
      metric,
      label: (id) => names.get(id) ?? id,
    })
    const dayLabels = data.days.map((seconds) => new Date(seconds * 1000).toISOString().slice(0, 10))
    return c.html(
      <SpendView
        session={c.get('session')}
        from={from}
        to={to}
        groupBy={groupBy}
        metric={metric}
        data={data}
        dayLabels={dayLabels}
      />,
    )
  })
}
