// Runs @gw/contract's control-plane contract suite (LangWatch's gateway's recorded bodies) against this control plane over HTTP.
import { type ContractValues, controlPlaneContractCases, runContractCase } from '@gw/contract/conformance'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness, testSecrets } from '../test-utils/harness.js'

let h: Harness
let values: ContractValues

beforeAll(async () => {
  // LangWatch's gateway signs the path without its query: the compatibility mode accepts that.
  h = await startHarness({ env: { LW_GATEWAY_HMAC_COMPAT: 'path-only' } })
  const tenant = await seedTenant(h)
  const provider = await h.admin('POST', '/provider-credentials', {
    project_id: tenant.projectId,
    type: 'mock',
    name: 'mock',
  })
  values = {
    key: tenant.key,
    vk_id: tenant.keyId,
    project_id: tenant.projectId,
    organization_id: tenant.organizationId,
    provider_id: (provider.body as { id: string }).id,
    run: Math.random().toString(36).slice(2, 10),
  }
}, 60_000)

afterAll(() => h.close())

async function storedPayload(requestId: string, command: string): Promise<Record<string, unknown>> {
  const { rows } = await h.cp.db.query<{ payload: Record<string, unknown> }>(
    'select payload from spend_records where request_id = $1 and command = $2',
    [requestId, command],
  )
  return rows[0]?.payload ?? {}
}

describe('control-plane contract suite (reference gateway bodies over HTTP)', () => {
  for (const contractCase of controlPlaneContractCases) {
    it(contractCase.name, async () => {
      // A second apart, as real calls are: identical requests signed in the same second are a replay.
      h.advance(1_000)
      const result = await runContractCase(
        { baseUrl: h.cp.url, internalSecret: testSecrets.LW_GATEWAY_INTERNAL_SECRET, values, now: h.now },
        contractCase,
      )
      expect(result.problems).toEqual([])
      expect(result.ok).toBe(true)
    })
  }

  it('stores the recorded spend payloads whole, quantities the schema does not name included', async () => {
    const confirmed = await storedPayload(`gwreq_${values.run}_1`, 'confirmSpend')
    expect(confirmed).toMatchObject({
      project_id: values.project_id,
      model: 'openai/gpt-5-mini',
      metadata: '{"customer":"acme"}',
      usage: { input_tokens: 812, cache_read_input_tokens: 256, cache_creation_1h_tokens: 0, audio_ms: 0 },
    })
    const failed = await storedPayload(`gwreq_${values.run}_2`, 'failSpend')
    expect(failed).toMatchObject({ error: { type: 'provider_timeout', http_status: 504 } })
  })
})
