import { parseGatewayKeyConfig } from '@gw/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'
import { toWireProviderType } from './wire-provider-type.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
}, 60_000)

afterAll(() => h.close())

describe('provider type names', () => {
  it('maps ours to the contract names and leaves the others alone', () => {
    expect(toWireProviderType('openai-compatible')).toBe('custom')
    expect(toWireProviderType('azure-openai')).toBe('azure')
    expect(toWireProviderType('openai')).toBe('openai')
    expect(toWireProviderType('mock')).toBe('mock')
  })

  it('accepts the contract names on the admin API, shows ours there and sends the contract names in /config', async () => {
    const tenant = await seedTenant(h)
    const custom = await h.admin('POST', '/provider-credentials', {
      project_id: tenant.projectId,
      type: 'custom',
      name: 'ollama',
      base_url: 'http://127.0.0.1:11434/v1',
    })
    expect(custom.status).toBe(201)
    expect(custom.body).toMatchObject({ type: 'openai-compatible' })
    const compatible = await h.admin('POST', '/provider-credentials', {
      project_id: tenant.projectId,
      type: 'openai-compatible',
      name: 'vllm',
      base_url: 'http://127.0.0.1:8000/v1',
    })
    expect(compatible.status).toBe(201)
    const config = parseGatewayKeyConfig((await h.internal('GET', `/config/${tenant.keyId}`)).body)
    expect(config.providers.map((provider) => [provider.handle, provider.type]).sort()).toEqual([
      ['ollama', 'custom'],
      ['vllm', 'custom'],
    ])
  })

  it('still refuses a type nobody knows, naming the field', async () => {
    const tenant = await seedTenant(h)
    const response = await h.admin('POST', '/provider-credentials', {
      project_id: tenant.projectId,
      type: 'azure_openai',
      name: 'x',
    })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'type' } } })
  })
})
