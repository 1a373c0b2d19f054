// Spend batches built from the recorded spool segment: a full-size segment and one with bad records.
import type { ContractValues } from './fill-fixture.js'
import { loadFixture } from './fill-fixture.js'

interface RecordedRecord {
  command: string
  payload: Record<string, unknown>
  pod_id: string
  pod_seq: number
}

async function recordedRecords(values: ContractValues): Promise<RecordedRecord[]> {
  const segment = JSON.parse(await loadFixture('spend-commands.segment.json', values)) as {
    records: RecordedRecord[]
  }
  return segment.records
}

/**
 * `count` records cycling through the recorded ones (admit+confirm, admit+fail pairs), each pair
 * with its own `gateway_request_id` and every record its own `pod_seq`: what a busy pod's
 * sealed spool segment holds.
 *
 * @example
 * const body = await buildSpoolSegment(values, 2_000)
 */
export async function buildSpoolSegment(values: ContractValues, count: number): Promise<string> {
  const recorded = await recordedRecords(values)
  const records = Array.from({ length: count }, (_, index) => {
    const template = recorded[index % recorded.length] as RecordedRecord
    return {
      ...template,
      payload: { ...template.payload, gateway_request_id: `gwreq_${values.run}_seg${Math.floor(index / 2)}` },
      pod_seq: 1_000 + index,
    }
  })
  return JSON.stringify({ records })
}

/**
 * The recorded segment with record 1's command unknown, record 2's payload missing its
 * `gateway_request_id`, and record 3 not valid JSON: only records 0 must be accepted.
 *
 * @example
 * const body = await buildBatchWithBadRecords(values)
 */
export async function buildBatchWithBadRecords(values: ContractValues): Promise<string> {
  const [first, second, third] = await recordedRecords(values)
  const good = { ...first, payload: { ...first?.payload, gateway_request_id: `gwreq_${values.run}_mixed` } }
  const unknownCommand = { ...second, command: 'refundSpend' }
  const { gateway_request_id: _dropped, ...payloadWithoutId } = third?.payload ?? {}
  const noRequestId = { ...third, payload: payloadWithoutId }
  return `{"records":[${JSON.stringify(good)},${JSON.stringify(unknownCommand)},${JSON.stringify(noRequestId)},{"command":"admitSpend","payload":{"gateway_request_id":tru}}]}`
}
