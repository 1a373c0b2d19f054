// Runs @gw/contract's control-plane contract suite (LangWatch's gateway's recorded bodies) against this control plane over HTTP.
import { type ContractValues, controlPlaneContractCases, runContractCase } from '@gw/contract/conformance'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness, testSecrets } from '../test-utils/harness.js'

let h: Harness
let values: ContractValues

beforeAll(async () => {
  h = await startHarness()
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

describe('control-plane contract suite (reference gateway bodies over HTTP)', () => {
  for (const contractCase of controlPlaneContractCases) {
    it(contractCase.name, async () => {
      const result = await runContractCase(
        { baseUrl: h.cp.url, internalSecret: testSecrets.LW_GATEWAY_INTERNAL_SECRET, values, now: h.now },
        contractCase,
      )
      expect(result.problems).toEqual([])
      expect(result.ok).toBe(true)
    })
  }
})
