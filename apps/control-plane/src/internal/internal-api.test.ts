import {
  type ControlPlaneClient,
  createControlPlaneClient,
  MAX_SPEND_BATCH_BYTES,
  MAX_SPEND_BATCH_RECORDS,
  signRequest,
} from '@gw/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awkwardSpendPayload } from '../test-utils/awkward-spend-payload.js'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

const resolveBody = { key_presented: 'lw_vk_live_01HZX', gateway_node_id: 'gw-a' }

describe('request signing', () => {
  it('accepts a correctly signed request', async () => {
    const response = await h.internal('GET', '/health')
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ status: 'ok', database: 'pglite' })
  })

  it('refuses an unsigned request with 401 missing_signature', async () => {
    const response = await fetch(`${h.cp.url}/api/internal/gateway/resolve-key`, {
      method: 'POST',
      body: JSON.stringify(resolveBody),
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      error: {
        type: 'authentication_error',
        code: 'unauthorized',
        message: 'Request signature rejected: missing_signature',
        meta: { reason: 'missing_signature' },
      },
    })
  })

  it('refuses a signature made with another secret with 401 invalid_signature', async () => {
    const response = await h.internal('POST', '/resolve-key', resolveBody, {
      secret: 'another-secret-0123456789abcdef0123',
    })
    expect(response.status).toBe(401)
    expect(response.body).toMatchObject({
      error: { code: 'unauthorized', meta: { reason: 'invalid_signature' } },
    })
  })

  it('refuses a body changed after signing with 401 invalid_signature', async () => {
    const url = `${h.cp.url}/api/internal/gateway/resolve-key`
    const signed = signRequest({
      secret: h.config.internalSecret,
      method: 'POST',
      path: '/api/internal/gateway/resolve-key',
      body: JSON.stringify(resolveBody),
      timestamp: Math.floor(h.now() / 1000),
    })
    const tampered = await fetch(url, {
      method: 'POST',
      headers: signed.headers,
      body: JSON.stringify({ ...resolveBody, gateway_node_id: 'gw-b' }),
    })
    expect(tampered.status).toBe(401)
    expect(await tampered.json()).toMatchObject({ error: { meta: { reason: 'invalid_signature' } } })
  })

  it('refuses a replayed request older than 300 s with 401 timestamp_out_of_window', async () => {
    const stale = Math.floor(h.now() / 1000) - 301
    const response = await h.internal('POST', '/resolve-key', resolveBody, { timestamp: stale })
    expect(response.status).toBe(401)
    expect(response.body).toMatchObject({ error: { meta: { reason: 'timestamp_out_of_window' } } })
  })

  it('refuses a timestamp too far in the future with 401', async () => {
    const future = Math.floor(h.now() / 1000) + 301
    const response = await h.internal('GET', '/health', undefined, { timestamp: future })
    expect(response.status).toBe(401)
  })
})

describe('POST /spend-commands', () => {
  const record = (requestId: string, command: string, seq: number) => ({
    command,
    payload: { gateway_request_id: requestId, vk_id: 'vk', cost_micro_usd: 120 },
    pod_id: 'gw-a',
    pod_seq: seq,
  })

  it('stores each (request id, command) once and counts retries as accepted', async () => {
    const batch = { records: [record('req-1', 'admitSpend', 1), record('req-1', 'confirmSpend', 2)] }
    const first = await h.internal('POST', '/spend-commands', batch)
    expect(first.body).toEqual({ accepted: 2, rejected: [] })
    const retry = await h.internal('POST', '/spend-commands', batch)
    expect(retry.body).toEqual({ accepted: 2, rejected: [] })
    const { rows } = await h.cp.db.query<{ count: number }>(
      "select count(*)::int as count from spend_records where request_id = 'req-1'",
    )
    expect(rows[0]?.count).toBe(2)
  })

  it('keeps each payload exactly as sent, whatever characters its strings hold', async () => {
    const payload = awkwardSpendPayload('req-text-1', 'vk')
    const response = await h.internal('POST', '/spend-commands', {
      records: [{ command: 'confirmSpend', payload }, record('req-text-2', 'failSpend', 9)],
    })
    expect(response.body).toEqual({ accepted: 2, rejected: [] })
    const { rows } = await h.cp.db.query<{
      request_id: string
      payload: unknown
      pod_id: string
      pod_seq: string
    }>(
      "select request_id, payload, pod_id, pod_seq::text as pod_seq from spend_records where request_id like 'req-text-%' order by request_id",
    )
    expect(rows).toEqual([
      { request_id: 'req-text-1', payload, pod_id: '', pod_seq: '0' },
      {
        request_id: 'req-text-2',
        payload: record('req-text-2', 'failSpend', 9).payload,
        pod_id: 'gw-a',
        pod_seq: '9',
      },
    ])
  })

  it('rejects invalid records by index without failing the batch', async () => {
    const response = await h.internal('POST', '/spend-commands', {
      records: [record('req-2', 'admitSpend', 1), record('req-2', 'launchRocket', 2), { nope: true }],
    })
    expect(response.body).toEqual({
      accepted: 1,
      rejected: [
        { index: 1, code: 'invalid_record' },
        { index: 2, code: 'invalid_record' },
      ],
    })
  })

  it('answers 400 naming the field for an empty batch', async () => {
    const response = await h.internal('POST', '/spend-commands', { records: [] })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'records' } } })
  })
})

describe('POST /guardrail/check', () => {
  it('allows content when the check names no guardrail', async () => {
    const response = await h.internal('POST', '/guardrail/check', {
      vk_id: 'vk',
      project_id: 'proj',
      direction: 'request',
      guardrail_ids: [],
      content: 'hello',
    })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      decision: 'allow',
      reason: 'no guardrails named',
      policies_triggered: [],
    })
  })

  it('answers 400 naming the field for a bad direction', async () => {
    const response = await h.internal('POST', '/guardrail/check', {
      vk_id: 'vk',
      project_id: null,
      direction: 'sideways',
      guardrail_ids: [],
      content: 'hello',
    })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ error: { meta: { field: 'direction' } } })
  })
})

describe('probes', () => {
  it('serves /healthz without a signature', async () => {
    const response = await fetch(`${h.cp.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok' })
  })
})

describe('the gateway client of @gw/contract', () => {
  let client: ControlPlaneClient

  beforeAll(() => {
    client = createControlPlaneClient({
      baseUrl: h.cp.url,
      internalSecret: h.config.internalSecret,
      nodeId: 'gw-contract',
      now: h.now,
    })
  })
  afterAll(async () => {
    await client?.close()
  })

  it('resolves a key, fetches its config with a 304 round trip, and sees a revoke in the changes feed', async () => {
    const tenant = await seedTenant(h)
    expect(await client.health()).toEqual({ ok: true, status: 200 })
    const resolved = await client.resolveKey(tenant.key)
    expect(resolved.key_id).toBe(tenant.keyId)
    const config = await client.getConfig(tenant.keyId)
    if (config.notModified) throw new Error('expected a config document')
    expect(config.config.project_id).toBe(tenant.projectId)
    expect(await client.getConfig(tenant.keyId, config.etag)).toEqual({ notModified: true })
    const idle = await client.getChanges({
      organizationId: tenant.organizationId,
      since: '1',
      timeoutSeconds: 1,
    })
    expect(idle).toEqual({ currentRevision: '1', changes: [] })
    await h.admin('POST', `/virtual-keys/${tenant.keyId}/revoke`)
    const changes = await client.getChanges({
      organizationId: tenant.organizationId,
      since: '1',
      timeoutSeconds: 5,
    })
    expect(changes.changes).toEqual([
      expect.objectContaining({ kind: 'VK_REVOKED', virtual_key_id: tenant.keyId }),
    ])
    await expect(client.resolveKey(tenant.key)).rejects.toMatchObject({
      code: 'virtual_key_revoked',
      kind: 'auth',
    })
    await expect(client.resolveKey('lw_vk_live_unknown')).rejects.toMatchObject({
      code: 'invalid_api_key',
      kind: 'auth',
    })
  })

  it('sends spend commands and guardrail checks', async () => {
    const spend = await client.sendSpendCommands([
      {
        command: 'confirmSpend',
        payload: { gateway_request_id: 'req-contract' },
        pod_id: 'gw-contract',
        pod_seq: 1,
      },
    ])
    expect(spend).toEqual({ accepted: 1, rejected: [] })
    const verdict = await client.checkGuardrail({
      vk_id: 'vk',
      project_id: null,
      direction: 'response',
      guardrail_ids: [],
      content: [{ role: 'assistant', content: 'hi' }],
    })
    expect(verdict.decision).toBe('allow')
  })

  it('reports a wrong internal secret as a rejection, not as a bad key', async () => {
    const misconfigured = createControlPlaneClient({
      baseUrl: h.cp.url,
      internalSecret: 'wrong-secret-0123456789abcdef0123456',
      nodeId: 'gw-contract',
      now: h.now,
    })
    await expect(misconfigured.resolveKey('lw_vk_live_x')).rejects.toMatchObject({ kind: 'rejected' })
    await misconfigured.close()
  })
})

const batchRecord = (requestId: string, command: string, seq: number, padding = '') => ({
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
    const bare = JSON.stringify({ records: [batchRecord('big-00000', 'admitSpend', 0)] }).length
    const padding = 'x'.repeat(Math.floor(MAX_SPEND_BATCH_BYTES / MAX_SPEND_BATCH_RECORDS) - bare - 8)
    const records = Array.from({ length: MAX_SPEND_BATCH_RECORDS }, (_, index) =>
      batchRecord(`big-${String(index).padStart(5, '0')}`, 'admitSpend', index, padding),
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
    const records = [batchRecord('huge-1', 'admitSpend', 1, 'y'.repeat(MAX_SPEND_BATCH_BYTES))]
    const response = await h.internal('POST', '/spend-commands', { records })
    expect(response.status).toBe(413)
    expect(response.body).toMatchObject({
      error: { code: 'payload_too_large', meta: { max_bytes: MAX_SPEND_BATCH_BYTES } },
    })
    expect(await storedCount('huge-')).toBe(0)
  })

  it(`answers 413 for more than ${MAX_SPEND_BATCH_RECORDS} records and stores none of them`, async () => {
    const records = Array.from({ length: MAX_SPEND_BATCH_RECORDS + 1 }, (_, index) =>
      batchRecord(`many-${index}`, 'admitSpend', index),
    )
    const response = await h.internal('POST', '/spend-commands', { records })
    expect(response.status).toBe(413)
    expect(response.body).toMatchObject({
      error: { code: 'payload_too_large', meta: { max_records: MAX_SPEND_BATCH_RECORDS } },
    })
    expect(await storedCount('many-')).toBe(0)
  })

  it('stores a (request id, command) repeated inside one batch once and accepts both', async () => {
    const batch = {
      records: [batchRecord('dup-1', 'confirmSpend', 1), batchRecord('dup-1', 'confirmSpend', 2)],
    }
    expect((await h.internal('POST', '/spend-commands', batch)).body).toEqual({ accepted: 2, rejected: [] })
    expect(await storedCount('dup-')).toBe(1)
  })

  it('rejects a record that is not valid JSON by index and accepts its neighbours', async () => {
    const good = JSON.stringify(batchRecord('raw-1', 'admitSpend', 1))
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
