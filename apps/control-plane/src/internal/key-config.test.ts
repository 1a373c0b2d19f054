import { parseGatewayKeyConfig } from '@gw/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dumpDatabase } from '../test-utils/dump-database.js'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

async function tenantWithProviders() {
  const tenant = await seedTenant(h)
  const openai = await h.admin('POST', '/provider-credentials', {
    project_id: tenant.projectId,
    type: 'openai',
    name: 'openai-prod',
    credentials: { api_key: 'sk-proj-config-test-secret-9999' },
    models: ['gpt-4o-mini'],
  })
  const azure = await h.admin('POST', '/provider-credentials', {
    project_id: tenant.projectId,
    type: 'azure-openai',
    name: 'azure',
    credentials: {
      api_key: 'azure-key-config-test-1234',
      endpoint: 'https://x.openai.azure.com',
      api_version: '2024-10-21',
    },
    deployment_map: { 'gpt-4o': 'gpt4o-deploy' },
  })
  const openaiId = (openai.body as { id: string }).id
  const azureId = (azure.body as { id: string }).id
  await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
    config: {
      model_aliases: { fast: 'openai/gpt-4o-mini' },
      fallback: { chain: [openaiId, azureId], max_attempts: 2 },
      rate_limits: { rpm: 60, rpd: null, tpm: 100000 },
      tags: ['team:search'],
    },
  })
  return { ...tenant, openaiId, azureId }
}

describe('GET /config/:vk_id', () => {
  it('returns the §4 document with decrypted credentials, the key policy and a strong ETag', async () => {
    const tenant = await tenantWithProviders()
    const response = await h.internal('GET', `/config/${tenant.keyId}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const config = parseGatewayKeyConfig(response.body)
    expect(config.project_id).toBe(tenant.projectId)
    expect(config.display_prefix).toBe(tenant.key.slice(0, 16))
    expect(config.vk_tags).toEqual(['team:search'])
    expect(config.model_aliases).toEqual({ fast: 'openai/gpt-4o-mini' })
    expect(config.fallback).toEqual({ chain: [tenant.openaiId, tenant.azureId], max_attempts: 2 })
    expect(config.rate_limits).toEqual({ rpm: 60, rpd: null, tpm: 100000 })
    expect(config.budgets).toEqual([])
    expect(config.guardrails).toEqual([])
    expect(config.cache_rules).toEqual([])
    expect(config.expires_at).toBeNull()
    expect(config.providers).toEqual([
      {
        id: tenant.openaiId,
        type: 'openai',
        handle: 'openai-prod',
        credentials: { api_key: 'sk-proj-config-test-secret-9999' },
        models: ['gpt-4o-mini'],
      },
      {
        id: tenant.azureId,
        // Stored as ours (`azure-openai`), sent as the contract's name.
        type: 'azure',
        handle: 'azure',
        credentials: {
          api_key: 'azure-key-config-test-1234',
          endpoint: 'https://x.openai.azure.com',
          api_version: '2024-10-21',
        },
        deployment_map: { 'gpt-4o': 'gpt4o-deploy' },
        models: [],
      },
    ])
  })

  it('answers 304 to a matching If-None-Match and 200 with a new ETag after a change', async () => {
    const tenant = await tenantWithProviders()
    const first = await h.internal('GET', `/config/${tenant.keyId}`)
    const etag = first.headers.get('etag') ?? ''
    const cached = await h.internal('GET', `/config/${tenant.keyId}`, undefined, {
      headers: { 'If-None-Match': etag },
    })
    expect(cached.status).toBe(304)
    expect(cached.text).toBe('')
    expect(cached.headers.get('etag')).toBe(etag)
    await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, { config: { models_allowed: ['gpt-4o-mini'] } })
    const changed = await h.internal('GET', `/config/${tenant.keyId}`, undefined, {
      headers: { 'If-None-Match': etag },
    })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    expect(parseGatewayKeyConfig(changed.body).models_allowed).toEqual(['gpt-4o-mini'])
  })

  it('drops a deleted provider from the fallback chain', async () => {
    const tenant = await tenantWithProviders()
    expect((await h.admin('DELETE', `/provider-credentials/${tenant.azureId}`)).status).toBe(204)
    const config = parseGatewayKeyConfig((await h.internal('GET', `/config/${tenant.keyId}`)).body)
    expect(config.fallback.chain).toEqual([tenant.openaiId])
    expect(config.providers.map((provider) => provider.id)).toEqual([tenant.openaiId])
  })

  it('sends the project OTLP token opened while storing it sealed', async () => {
    const org = (await h.admin('POST', '/organizations', { name: 'otlp' })).body as { id: string }
    const project = (
      await h.admin('POST', '/projects', {
        organization_id: org.id,
        name: 'traced',
        otlp_token: 'otlp-token-sealed-at-rest-77',
      })
    ).body as { id: string; has_otlp_token: boolean }
    expect(project.has_otlp_token).toBe(true)
    const issued = (await h.admin('POST', '/virtual-keys', { project_id: project.id, name: 'k' })).body as {
      virtual_key: { id: string }
    }
    const config = parseGatewayKeyConfig((await h.internal('GET', `/config/${issued.virtual_key.id}`)).body)
    expect(config.project_otlp_token).toBe('otlp-token-sealed-at-rest-77')
    expect(await dumpDatabase(h.cp.db)).not.toContain('otlp-token-sealed-at-rest-77')
  })

  it('answers 404 virtual_key_not_found for an unknown key id', async () => {
    const response = await h.internal('GET', '/config/01HZZZZZZZZZZZZZZZZZZZZZZZ')
    expect(response.status).toBe(404)
    expect(response.body).toMatchObject({ error: { code: 'virtual_key_not_found' } })
  })
})

describe('provider type names in /config', () => {
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
