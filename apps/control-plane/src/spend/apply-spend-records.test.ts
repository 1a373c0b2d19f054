import type { SpendRecord } from '@gw/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/database.js'
import { migrate } from '../db/migrate.js'
import { createPgliteDatabase } from '../db/pglite-database.js'
import { applySpendRecords, SPEND_INSERT_CHUNK } from './apply-spend-records.js'

let db: Database

beforeAll(async () => {
  db = await createPgliteDatabase('memory://')
  await migrate(db)
})
afterAll(async () => {
  await db?.close()
})

const record = (requestId: string, command: SpendRecord['command'], seq: number): SpendRecord => ({
  command,
  payload: { gateway_request_id: requestId, vk_id: 'vk_none', cost_micro_usd: 5 },
  pod_id: 'pod-a',
  pod_seq: seq,
})

const apply = (records: SpendRecord[]) =>
  db.transaction((tx) => applySpendRecords(tx, records, Date.UTC(2026, 11, 7)))

async function stored(prefix: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    'select count(*)::int as count from spend_records where request_id like $1',
    [`${prefix}%`],
  )
  return rows[0]?.count ?? 0
}

describe('applySpendRecords', () => {
  it('returns the records stored for the first time, in order, and skips a retried one', async () => {
    const first = [record('fresh-1', 'admitSpend', 1), record('fresh-1', 'confirmSpend', 2)]
    expect(await apply(first)).toEqual(first)
    const retry = [record('fresh-1', 'confirmSpend', 2), record('fresh-2', 'confirmSpend', 3)]
    expect(await apply(retry)).toEqual([retry[1]])
    expect(await stored('fresh-')).toBe(3)
  })

  it('counts a (request id, command) repeated inside one batch once, its first record', async () => {
    const twice = [record('dup-1', 'confirmSpend', 1), record('dup-1', 'confirmSpend', 2)]
    expect(await apply(twice)).toEqual([twice[0]])
    expect(await stored('dup-')).toBe(1)
  })

  it('inserts a batch larger than one statement takes, chunk by chunk', async () => {
    const many = Array.from({ length: SPEND_INSERT_CHUNK * 2 + 7 }, (_, index) =>
      record(`many-${index}`, 'confirmSpend', index),
    )
    expect(await apply(many)).toHaveLength(many.length)
    expect(await stored('many-')).toBe(many.length)
  })

  it('stores each payload beside its own record when strings hold newlines (payloads travel as lines)', async () => {
    const records = ['a\nb', 'plain', '\n\n\u2028'].map((endUser, index) => ({
      ...record(`lines-${index}`, 'confirmSpend', index),
      payload: {
        gateway_request_id: `lines-${index}`,
        vk_id: 'vk_none',
        end_user_id: endUser,
        cost_micro_usd: index,
      },
    }))
    expect(await apply(records)).toEqual(records)
    const { rows } = await db.query<{ request_id: string; payload: unknown }>(
      "select request_id, payload from spend_records where request_id like 'lines-%' order by request_id",
    )
    expect(rows).toEqual(
      records.map((sent) => ({ request_id: sent.payload.gateway_request_id, payload: sent.payload })),
    )
  })
})
