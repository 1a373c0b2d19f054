// Where accepted spend records take effect: stored once per (gateway request id, command).
import type { SpendRecord } from '@gw/contract'
import type { Queryable } from '../db/database.js'
import { applySpendLedger } from './apply-spend-record.js'

/** Records per INSERT statement: 6 parameters each, far below PostgreSQL's 65,535. */
export const SPEND_INSERT_CHUNK = 500

/**
 * Stores valid records inside the batch's transaction and returns those stored for the first
 * time; a record already stored (the gateway's spool retrying a batch) is skipped. This is the
 * one place records take effect: whatever a new record changes besides the idempotency table
 * (budget ledgers, counters) belongs here, applied to the returned records only.
 *
 * @example
 * const fresh = await applySpendRecords(tx, records, Date.now())
 */
export async function applySpendRecords(
  tx: Queryable,
  records: readonly SpendRecord[],
  nowMs: number,
): Promise<SpendRecord[]> {
  const fresh: SpendRecord[] = []
  const receivedAt = new Date(nowMs)
  for (let offset = 0; offset < records.length; offset += SPEND_INSERT_CHUNK) {
    const chunk = records.slice(offset, offset + SPEND_INSERT_CHUNK)
    const params: unknown[] = []
    const rows = chunk.map((record) => {
      const base = params.length
      params.push(
        record.payload.gateway_request_id,
        record.command,
        JSON.stringify(record.payload),
        record.pod_id,
        record.pod_seq,
        receivedAt,
      )
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6})`
    })
    const { rows: inserted } = await tx.query<{ request_id: string; command: string }>(
      `insert into spend_records (request_id, command, payload, pod_id, pod_seq, received_at)
       values ${rows.join(', ')} on conflict (request_id, command) do nothing
       returning request_id, command`,
      params,
    )
    const insertedKeys = new Set(inserted.map((row) => `${row.command}\n${row.request_id}`))
    for (const record of chunk) {
      const key = `${record.command}\n${record.payload.gateway_request_id}`
      // A key repeated inside one chunk is inserted once: only its first record is fresh.
      if (insertedKeys.delete(key)) fresh.push(record)
    }
  }
  await applySpendLedger(tx, fresh, nowMs)
  return fresh
}
