// POST /spend-commands' logic: store each valid record once per (gateway request id, command).
import { type SpendCommandsResponse, spendRecordSchema } from '@gw/contract'
import * as v from 'valibot'
import type { Database } from '../db/database.js'
import { applySpendRecord } from './apply-spend-record.js'

/**
 * Stores a batch. Each record is validated on its own, so one bad record is rejected by index
 * (`invalid_record`) without failing the batch; a record already stored (a retry by the
 * gateway's spool) counts as accepted and is not stored twice.
 *
 * @example
 * const { accepted, rejected } = await recordSpendCommands(db, body.records, Date.now())
 */
export async function recordSpendCommands(
  db: Database,
  records: readonly unknown[],
  nowMs: number,
): Promise<SpendCommandsResponse> {
  const rejected: SpendCommandsResponse['rejected'] = []
  let accepted = 0
  await db.transaction(async (tx) => {
    for (const [index, candidate] of records.entries()) {
      const parsed = v.safeParse(spendRecordSchema, candidate)
      if (!parsed.success) {
        rejected.push({ index, code: 'invalid_record' })
        continue
      }
      const record = parsed.output
      const { rows } = await tx.query(
        `insert into spend_records (request_id, command, payload, pod_id, pod_seq, received_at)
         values ($1, $2, $3, $4, $5, $6) on conflict (request_id, command) do nothing returning request_id`,
        [
          record.payload.gateway_request_id,
          record.command,
          JSON.stringify(record.payload),
          record.pod_id,
          record.pod_seq,
          new Date(nowMs),
        ],
      )
      if (rows.length > 0) await applySpendRecord(tx, record, nowMs)
      accepted += 1
    }
  })
  return { accepted, rejected }
}
