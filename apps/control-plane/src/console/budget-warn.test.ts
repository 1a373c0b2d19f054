// The budgets page shows each budget's warn threshold and its forms set and clear it through the admin API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ConsoleSession, signInToConsole } from '../test-utils/console-session.js'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'
import { warnRatioOfPercent } from './budget-warn.js'

let h: Harness
let session: ConsoleSession
beforeAll(async () => {
  h = await startHarness({ env: { LOG_LEVEL: 'error' } })
  session = await signInToConsole(h.cp.url)
})
afterAll(() => h.cp.close())

const page = (path: string): Promise<string> => session.page(path)
const post = (path: string, fields: Record<string, string>): Promise<Response> => session.post(path, fields)

async function warnRatioOf(id: string): Promise<number | null> {
  return ((await h.admin('GET', `/budgets/${id}`)).body as { warn_ratio: number | null }).warn_ratio
}

describe('budgets page: warn threshold', () => {
  it('parses the percent field into a warn_ratio', () => {
    expect(warnRatioOfPercent('90')).toBe(0.9)
    expect(warnRatioOfPercent('')).toBeNull()
    expect(warnRatioOfPercent('lots')).toBe('lots')
  })

  it('creates a budget with a warn threshold, shows it beside the bar, edits and clears it', async () => {
    const tenant = await seedTenant(h)
    const created = await post('/console/budgets', {
      target: `project:${tenant.projectId}`,
      window: 'day',
      limit_usd: '10',
      on_breach: 'block',
      warn_percent: '90',
      name: 'warned-budget',
    })
    expect(created.status).toBe(303)
    const list = (await h.admin('GET', `/budgets?scope_id=${tenant.projectId}`)).body as {
      data: { id: string; warn_ratio: number | null }[]
    }
    const id = list.data[0]!.id
    expect(list.data[0]!.warn_ratio).toBe(0.9)
    const html = await page('/console/budgets')
    expect(html).toContain('warns at 90%')
    expect(html).toMatch(new RegExp(`id="warn-${id}"[^>]*value="90"`))

    expect((await post(`/console/budgets/${id}/warn`, { warn_percent: '50' })).status).toBe(303)
    expect(await warnRatioOf(id)).toBe(0.5)
    expect(await page('/console/budgets')).toContain('warns at 50%')

    expect((await post(`/console/budgets/${id}/warn`, { warn_percent: '' })).status).toBe(303)
    expect(await warnRatioOf(id)).toBeNull()
    expect(await page('/console/budgets')).toContain('warns at the gateway default')
  })

  it('shows the admin API refusal of an out-of-range threshold and keeps the old one', async () => {
    const tenant = await seedTenant(h)
    const budget = (
      await h.admin('POST', '/budgets', {
        scope: 'project',
        scope_id: tenant.projectId,
        window: 'day',
        limit_usd: 10,
        warn_ratio: 0.7,
      })
    ).body as { id: string }
    expect((await post(`/console/budgets/${budget.id}/warn`, { warn_percent: '150' })).status).toBe(303)
    const next = await page('/console/budgets')
    expect(next).toContain('role="alert"')
    expect(next).toContain('warn_ratio')
    expect(await warnRatioOf(budget.id)).toBe(0.7)
  })
})
