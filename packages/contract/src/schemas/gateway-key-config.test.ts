import { describe, expect, it } from 'vitest'
import { parseGatewayKeyConfig } from './gateway-key-config.js'

describe('parseGatewayKeyConfig', () => {
  it('fills defaults for a minimal document', () => {
    const config = parseGatewayKeyConfig({ project_id: 'prj_1' })
    expect(config).toMatchObject({
      project_id: 'prj_1',
      project_otlp_token: null,
      vk_tags: [],
      providers: [],
      fallback: { chain: [], max_attempts: null },
      models_allowed: null,
      providers_allowed: null,
      rate_limits: { rpm: null, rpd: null, tpm: null },
      policy_rules: { tools: { deny: [], allow: null }, models: { deny: [], allow: null } },
      budgets: [],
      cache_rules: [],
      expires_at: null,
    })
  })

  it('reads the full contract, keeps per-type credentials and unknown credential fields', () => {
    const config = parseGatewayKeyConfig({
      project_id: 'prj_1',
      project_otlp_token: 'tok',
      display_prefix: 'lw_vk_live_01J',
      vk_tags: ['team-a'],
      providers: [
        {
          id: 'p1',
          type: 'azure',
          credentials: { api_key: 'k', endpoint: 'https://x', api_version: '2024-10-21' },
        },
        {
          id: 'p2',
          type: 'bedrock',
          credentials: { access_key: 'a', secret_key: 's', region: 'us-east-1', extra: 1 },
        },
        {
          id: 'p3',
          type: 'vertex',
          credentials: { project_id: 'g', region: 'eu', auth_credentials: { a: 1 } },
        },
      ],
      fallback: { chain: ['p1', 'p2'], max_attempts: 2 },
      model_aliases: { fast: 'azure/gpt-4o-mini' },
      models_allowed: ['gpt-*'],
      providers_allowed: ['p1'],
      routing_mode: 'priority',
      rate_limits: { rpm: 60, rpd: null, tpm: 1000 },
      guardrails: [{ id: 'g1', evaluator: 'pii', direction: 'request', failure_mode: 'fail_open' }],
      guardrail_attachments: [{ direction: 'request', guardrail_ids: ['g1'] }],
      policy_rules: { tools: { deny: ['rm_*'], allow: null }, urls: { deny: [], allow: ['https://*'] } },
      budgets: [
        {
          id: 'b1',
          scope: 'project',
          scope_id: 'prj_1',
          provider_key: null,
          window: 'month',
          limit_micro_usd: 1_000_000,
          spent_micro_usd: 10,
          resets_at: 1_750_000_000,
          on_breach: 'block',
        },
      ],
      cache_rules: [
        { id: 'c1', priority: 1, matchers: { model: 'gpt-*' }, action: { mode: 'force', ttl: 60 } },
      ],
      expires_at: '2030-01-01T00:00:00Z',
      some_future_field: { x: 1 },
    })
    expect(config.providers[1]?.credentials).toEqual({
      access_key: 'a',
      secret_key: 's',
      region: 'us-east-1',
      extra: 1,
    })
    expect(config.providers[2]?.credentials.auth_credentials).toEqual({ a: 1 })
    expect(config.expires_at).toBe(1_893_456_000)
    expect(config.policy_rules.mcp).toEqual({ deny: [], allow: null })
    expect('some_future_field' in config).toBe(false)
  })

  it("accepts LangWatch's control-plane shape (evaluator_id/slug, pre/post, extra fields)", () => {
    const config = parseGatewayKeyConfig({
      revision: 12,
      vk_id: 'vk_1',
      status: 'active',
      organization_id: 'org_1',
      project_id: null,
      team_id: null,
      principal_id: 'u_1',
      providers: [
        { id: 'mp_1', slot: 'primary', type: 'openai', credentials: { api_key: 'sk' }, config: {} },
      ],
      fallback: { on: ['5xx'], chain: ['mp_1'], timeout_ms: 30_000, max_attempts: 3 },
      cache: { mode: 'respect', ttl_s: 0 },
      guardrails: [
        {
          id: 'g1',
          name: 'PII',
          evaluator_id: 'ev_1',
          evaluator_slug: 'pii',
          direction: 'pre',
          failure_mode: 'fail_closed',
        },
      ],
      metadata: {},
    })
    expect(config.revision).toBe('12')
    expect(config.guardrails[0]).toMatchObject({ id: 'g1', evaluator: 'pii', direction: 'pre' })
  })

  it("reads a budget's warn_ratio leniently: out of (0, 1] or not a number is null", () => {
    const budget = {
      id: 'b',
      scope: 'project',
      scope_id: 'p',
      provider_key: null,
      window: 'day',
      limit_micro_usd: 1,
      resets_at: null,
    }
    const ratios = [0.9, null, 1.5, 0, '0.9', undefined].map(
      (warn_ratio) =>
        parseGatewayKeyConfig({ project_id: 'p', budgets: [{ ...budget, warn_ratio }] }).budgets[0]
          ?.warn_ratio,
    )
    expect(ratios).toEqual([0.9, null, null, null, null, undefined])
  })

  it('throws internal_error naming the offending field', () => {
    expect(() => parseGatewayKeyConfig({ budgets: [{ id: 'b', scope: 'galaxy' }] })).toThrowError(
      expect.objectContaining({ code: 'internal_error', meta: { field: 'budgets.0.scope' } }),
    )
    expect(() => parseGatewayKeyConfig({ providers: [{ id: 'p' }] })).toThrowError(/providers\.0\.type/)
  })
})
