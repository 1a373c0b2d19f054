// The budget ledger's SQL on real PostgreSQL (unnest joins, upserts, date grouping), when a server is available.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awkwardSpendPayload } from '../test-utils/awkward-spend-payload.js'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'
import { startTestPostgres, type TestPostgres } from '../test-utils/postgres-cluster.js'

const postgres: TestPostgres | null = await startTestPostgres()
const reason = 'DATABASE_URL is unset and no /usr/lib/postgresql/*/bin/{initdb,pg_ctl} was found'
let h: Harness | undefined
const startMs = Date.UTC(2026, 11, 6, 12, 0, 30)

describe.skipIf(postgres === null)(
  `budget ledger on PostgreSQL${postgres === null ? ` (skipped: ${reason})` : ''}`,
  () => {
    beforeAll(async () => {
      h = await startHarness({ env: { DATABASE_URL: postgres!.url }, startMs })
    }, 120_000)
    afterAll(async () => {
      await h?.close()
      await postgres?.stop()
    }, 60_000)

    it('aggregates confirmed spend per budget window, serves it in /config and /spend, and resets', async () => {
      const harness = h!
      const tenant = await seedTenant(harness)
      const created = await harness.admin('POST', '/budgets', {
        scope: 'project',
        scope_id: tenant.projectId,
        window: 'week',
        limit_usd: 2,
      })
      expect(created.status).toBe(201)
      const budgetId = (created.body as { id: string }).id
      const record = (seq: number, cost: number) => ({
        command: 'confirmSpend',
        pod_id: 'pod-pg',
        pod_seq: seq,
        payload: {
          gateway_request_id: `pg-req-${seq}`,
          vk_id: tenant.keyId,
          model: 'gpt-4o',
          cost_micro_usd: cost,
          usage: { input_tokens: 3, output_tokens: 4 },
          occurred_at: harness.now(),
        },
      })
      await harness.internal('POST', '/spend-commands', { records: [record(1, 700), record(2, 300)] })
      await harness.internal('POST', '/spend-commands', { records: [record(1, 700)] })
      const config = await harness.internal('GET', `/config/${tenant.keyId}`)
      expect((config.body as { budgets: unknown[] }).budgets).toEqual([
        expect.objectContaining({
          id: budgetId,
          spent_micro_usd: 1_000,
          resets_at: Date.UTC(2026, 11, 7) / 1000,
        }),
      ])
      const spend = await harness.admin(
        'GET',
        `/spend?project_id=${tenant.projectId}&from=2026-12-06&to=2026-12-06`,
      )
      expect((spend.body as { data: unknown[] }).data).toEqual([
        expect.objectContaining({
          day: '2026-12-06',
          model: 'gpt-4o',
          requests: 2,
          cost_micro_usd: 1_000,
          output_tokens: 8,
        }),
      ])
      expect((await harness.admin('POST', `/budgets/${budgetId}/reset`)).body).toMatchObject({
        spent_micro_usd: 0,
      })
      expect((await harness.admin('GET', `/budgets?scope_id=${tenant.projectId}`)).body).toMatchObject({
        data: [{ id: budgetId, spent_micro_usd: 0 }],
      })
    })

    it('stores each record payload exactly as sent (quotes, backslashes and a newline in its strings)', async () => {
      const harness = h!
      const payload = awkwardSpendPayload('pg-awkward-1', 'vk_none')
      const response = await harness.internal('POST', '/spend-commands', {
        records: [{ command: 'confirmSpend', payload, pod_id: 'pod-"pg"', pod_seq: 2 ** 40 }],
      })
      expect(response.body).toEqual({ accepted: 1, rejected: [] })
      const { rows } = await harness.cp.db.query<{ payload: unknown; pod_id: string; pod_seq: string }>(
        "select payload, pod_id, pod_seq::text as pod_seq from spend_records where request_id = 'pg-awkward-1'",
      )
      expect(rows).toEqual([{ payload, pod_id: 'pod-"pg"', pod_seq: String(2 ** 40) }])
    })
  },
)
