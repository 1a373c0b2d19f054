import type { ProviderSlot } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { buildKeyConfig, type KeyConfigKey } from './build-key-config.js'
import { defaultKeyPolicy } from './key-policy.js'

function slot(id: string): ProviderSlot {
  return { id, type: 'openai', credentials: { api_key: `sk-${id}` } }
}

function key(id: string, chain: string[], overrides: Partial<KeyConfigKey> = {}): KeyConfigKey {
  const config = defaultKeyPolicy()
  config.fallback = { chain, max_attempts: 2 }
  return {
    id,
    organization_id: 'org_1',
    project_id: 'proj_1',
    team_id: null,
    principal_id: null,
    display_prefix: 'lw_vk_live_01AB',
    status: 'active',
    expires_at: null,
    config,
    revision: 7,
    ...overrides,
  }
}

describe('buildKeyConfig', () => {
  it("assembles the key's document over its project's providers", () => {
    const providers = [slot('mp_a'), slot('mp_b')]
    const config = buildKeyConfig({
      key: key('vk_1', ['mp_b'], { expires_at: new Date('2030-01-01T00:00:00Z') }),
      projectOtlpToken: 'otlp-secret',
      providers,
    })
    expect(config).toMatchObject({
      vk_id: 'vk_1',
      organization_id: 'org_1',
      project_id: 'proj_1',
      revision: '7',
      project_otlp_token: 'otlp-secret',
      providers,
      fallback: { chain: ['mp_b'], max_attempts: 2 },
      guardrails: [],
      budgets: [],
      cache_rules: [],
      expires_at: Date.parse('2030-01-01T00:00:00Z') / 1000,
    })
  })

  it('filters out guardrail attachments naming guardrails absent from guardrails[]', () => {
    const stored = key('vk_1', [])
    // Saved before attachments were checked: no guardrail is defined, so none may reach a gateway.
    stored.config.guardrail_attachments = [{ direction: 'request', guardrail_ids: ['gr_unknown'] }]
    const config = buildKeyConfig({ key: stored, projectOtlpToken: null, providers: [] })
    expect(config.guardrails).toEqual([])
    expect(config.guardrail_attachments).toEqual([])
  })

  it('drops fallback entries whose provider no longer exists, for every key over one array', () => {
    const providers = [slot('mp_a'), slot('mp_c')]
    const first = buildKeyConfig({ key: key('vk_1', ['mp_a', 'mp_gone']), projectOtlpToken: null, providers })
    const second = buildKeyConfig({
      key: key('vk_2', ['mp_gone', 'mp_c', 'mp_a']),
      projectOtlpToken: null,
      providers,
    })
    expect(first.fallback.chain).toEqual(['mp_a'])
    expect(second.fallback.chain).toEqual(['mp_c', 'mp_a'])
  })

  it("does not carry one project's provider ids over to another's", () => {
    const chain = ['mp_a', 'mp_b']
    const one = buildKeyConfig({ key: key('vk_1', chain), projectOtlpToken: null, providers: [slot('mp_a')] })
    const other = buildKeyConfig({
      key: key('vk_2', chain),
      projectOtlpToken: null,
      providers: [slot('mp_b')],
    })
    expect(one.fallback.chain).toEqual(['mp_a'])
    expect(other.fallback.chain).toEqual(['mp_b'])
  })
})
