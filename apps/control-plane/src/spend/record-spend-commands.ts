// POST /spend-commands' transport: scan the batch, validate each record alone, apply the valid ones.
import {
  GatewayError,
  MAX_SPEND_BATCH_RECORDS,
  type SpendCommandsResponse,
  type SpendRecord,
  spendRecordSchema,
} from '@gw/contract'
import * as v from 'valibot'
import type { Database } from '../db/database.js'
import { applySpendRecords } from './apply-spend-records.js'
import { scanRecordsArray } from './scan-records-array.js'

/** Per-record rejection codes sent in `rejected[].code`. */
export type SpendRejectionCode = 'invalid_json' | 'invalid_record'

/**
 * Records a raw `{"records":[…]}` body. The envelope is scanned, then each record is parsed and
 * validated on its own, so one bad record is rejected by index (`invalid_json`,
 * `invalid_record`) while the others are accepted. A record already stored (a retry) counts as
 * accepted and takes effect once. Throws 400 for a broken envelope or no records, 413 past
 * {@link MAX_SPEND_BATCH_RECORDS}.
 *
 * @example
 * const { accepted, rejected } = await recordSpendCommands(db, rawBody, Date.now())
 */
export async function recordSpendCommands(
  db: Database,
  body: string,
  nowMs: number,
): Promise<SpendCommandsResponse> {
  const spans = scanRecordsArray(body)
  if (spans.length === 0) {
    throw new GatewayError('bad_request', 'Invalid field "records": must hold at least one record', {
      meta: { field: 'records' },
    })
  }
  if (spans.length > MAX_SPEND_BATCH_RECORDS) {
    throw new GatewayError(
      'payload_too_large',
      `A spend-commands batch holds at most ${MAX_SPEND_BATCH_RECORDS} records; this one has ${spans.length}: split it`,
      { meta: { max_records: MAX_SPEND_BATCH_RECORDS, records: spans.length } },
    )
  }
  const rejected: { index: number; code: SpendRejectionCode }[] = []
  const valid: SpendRecord[] = []
  for (const [index, span] of spans.entries()) {
    let candidate: unknown
    try {
      candidate = JSON.parse(body.slice(span.start, span.end))
    } catch {
      rejected.push({ index, code: 'invalid_json' })
      continue
    }
    const parsed = v.safeParse(spendRecordSchema, candidate)
    if (parsed.success) valid.push(parsed.output)
    else rejected.push({ index, code: 'invalid_record' })
  }
  if (valid.length > 0) await db.transaction((tx) => applySpendRecords(tx, valid, nowMs))
  return { accepted: valid.length, rejected }
}
