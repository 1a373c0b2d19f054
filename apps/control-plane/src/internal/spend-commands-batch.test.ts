import { MAX_SPEND_BATCH_BYTES, MAX_SPEND_BATCH_RECORDS } from '@gw/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../test-utils/harness.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
}, 60_000)

afterAll(() => h.close())

const record = (requestId: string, command: string, seq: number, padding = '') => ({
  command,
  payload: { gateway_request_id: requestId, project_id: 'proj', model: 'gpt-5-mini', note: padding },
  pod_id: 'gw-big',
  pod_seq: seq,
})

async function storedCount(prefix: string): Promise<number> {
  const { rows } = await h.cp.db.query<{ count: number }>(
    'select count(*)::int as count from spend_records where request_id like $1',
    [`${prefix}%`],
  )
  return rows[0]?.count ?? 0
}

describe('POST /spend-commands batches', () => {
  it(`accepts ${MAX_SPEND_BATCH_RECORDS} records just under 4 MiB in one batch and stores each once`, async () => {
    // Pad each record so the whole body lands just under the cap.
    const bare = JSON.stringify({ records: [record('big-00000', 'admitSpend', 0)] }).length
    const padding = 'x'.repeat(Math.floor(MAX_SPEND_BATCH_BYTES / MAX_SPEND_BATCH_RECORDS) - bare - 8)
    const records = Array.from({ length: MAX_SPEND_BATCH_RECORDS }, (_, index) =>
      record(`big-${String(index).padStart(5, '0')}`, 'admitSpend', index, padding),
    )
    const size = Buffer.byteLength(JSON.stringify({ records }))
    expect(size).toBeLessThanOrEqual(MAX_SPEND_BATCH_BYTES)
    expect(size).toBeGreaterThan(MAX_SPEND_BATCH_BYTES * 0.95)
    const started = performance.now()
    const response = await h.internal('POST', '/spend-commands', { records })
    const elapsedMs = performance.now() - started
    expect(response.body).toEqual({ accepted: MAX_SPEND_BATCH_RECORDS, rejected: [] })
    expect(await storedCount('big-')).toBe(MAX_SPEND_BATCH_RECORDS)
    console.info(
      `spend-commands: ${MAX_SPEND_BATCH_RECORDS} records, ${size} bytes in ${elapsedMs.toFixed(0)} ms`,
    )
  }, 120_000)

  it('answers 413 payload_too_large for a body over 4 MiB, before reading it', async () => {
    const records = [record('huge-1', 'admitSpend', 1, 'y'.repeat(MAX_SPEND_BATCH_BYTES))]
    const response = await h.internal('POST', '/spend-commands', { records })
    expect(response.status).toBe(413)
    expect(response.body).toMatchObject({
      error: { code: 'payload_too_large', meta: { max_bytes: MAX_SPEND_BATCH_BYTES } },
    })
    expect(await storedCount('huge-')).toBe(0)
  })

  it(`answers 413 for more than ${MAX_SPEND_BATCH_RECORDS} records and stores none of them`, async () => {
    const records = Array.from({ length: MAX_SPEND_BATCH_RECORDS + 1 }, (_, index) =>
      record(`many-${index}`, 'admitSpend', index),
    )
    const response = await h.internal('POST', '/spend-commands', { records })
    expect(response.status).toBe(413)
    expect(response.body).toMatchObject({
      error: { code: 'payload_too_large', meta: { max_records: MAX_SPEND_BATCH_RECORDS } },
    })
    expect(await storedCount('many-')).toBe(0)
  })

  it('stores a (request id, command) repeated inside one batch once and accepts both', async () => {
    const batch = { records: [record('dup-1', 'confirmSpend', 1), record('dup-1', 'confirmSpend', 2)] }
    expect((await h.internal('POST', '/spend-commands', batch)).body).toEqual({ accepted: 2, rejected: [] })
    expect(await storedCount('dup-')).toBe(1)
  })

  it('rejects a record that is not valid JSON by index and accepts its neighbours', async () => {
    const good = JSON.stringify(record('raw-1', 'admitSpend', 1))
    const response = await h.internal('POST', '/spend-commands', undefined, {
      rawBody: `{"records":[${good},{"command":"admitSpend","payload":{"gateway_request_id":raw-2}}]}`,
    })
    expect(response.body).toEqual({ accepted: 1, rejected: [{ index: 1, code: 'invalid_json' }] })
    expect(await storedCount('raw-')).toBe(1)
  })

  it('answers 400 invalid_json for a broken envelope', async () => {
    const response = await h.internal('POST', '/spend-commands', undefined, { rawBody: '{"records":[{}' })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ error: { code: 'invalid_json' } })
  })
})
