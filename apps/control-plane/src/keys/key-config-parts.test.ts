import { type BudgetConfig, KEY_OWN_FIELDS } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { noProjectGuardrails, type ProjectGuardrails } from '../guardrails/key-guardrails.js'
import { noRoutingPolicies } from '../routing/project-routing-policies.js'
import { buildKeyConfig, type KeyConfigKey } from './build-key-config.js'
import { createTemplateCache, renderKeyParts } from './key-config-parts.js'
import { defaultKeyPolicy } from './key-policy.js'
import type { ProjectConfigParts } from './render-key-config.js'

const policy = defaultKeyPolicy()
policy.model_aliases = { fast: 'gpt-4o-mini' }

function key(id: string, overrides: Partial<KeyConfigKey> = {}): KeyConfigKey {
  return {
    id,
    organization_id: 'org_1',
    project_id: 'proj_1',
    team_id: null,
    principal_id: null,
    display_prefix: `lw_vk_live_${id}`,
    status: 'active',
    expires_at: null,
    config: policy,
    revision: 3,
    ...overrides,
  }
}

function parts(guardrails: ProjectGuardrails = noProjectGuardrails, digest = 'd1'): ProjectConfigParts {
  return { projectOtlpToken: null, providers: [], guardrails, routingPolicies: noRoutingPolicies, digest }
}

const budget: BudgetConfig = {
  id: 'bud_1',
  scope: 'project',
  scope_id: 'proj_1',
  window: 'month',
  limit_micro_usd: 5_000_000,
  spent_micro_usd: 0,
  resets_at: 2_000_000_000,
  on_breach: 'block',
} as BudgetConfig

const guardrailOn = (keyId: string): ProjectGuardrails => ({
  byId: new Map([
    [
      'gr_1',
      {
        id: 'gr_1',
        organization_id: 'org_1',
        name: 'pii',
        evaluator: 'pii',
        directions: ['pre'],
        failure_mode: 'fail_closed',
        settings: {},
        created_at: '',
        updated_at: '',
      },
    ],
  ]),
  attachments: [{ guardrail_id: 'gr_1', project_id: null, virtual_key_id: keyId, directions: ['pre'] }],
})

describe('renderKeyParts', () => {
  it('splits the document into the key’s own fields and a template without them', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    const { own, template } = renderKeyParts(key('vk_1'), parts(), now)
    expect(own).toEqual({
      vk_id: 'vk_1',
      organization_id: 'org_1',
      project_id: 'proj_1',
      team_id: null,
      principal_id: null,
      revision: '3',
      display_prefix: 'lw_vk_live_vk_1',
      expires_at: null,
      status: 'active',
    })
    for (const field of [...KEY_OWN_FIELDS, 'providers', 'project_otlp_token']) {
      expect(template.value).not.toHaveProperty(field)
    }
    const whole = buildKeyConfig({ key: key('vk_1'), projectOtlpToken: null, providers: [] })
    const { providers: _p, project_otlp_token: _t, ...rest } = whole
    expect({ ...template.value, ...own }).toEqual({ ...rest, status: 'active' })
    expect(JSON.parse(template.json)).toEqual(template.value)
  })

  it('gives keys of one policy, project and budgets one template, built once per cache', () => {
    const cache = createTemplateCache()
    const a = renderKeyParts(key('vk_1'), parts(), 0, [], cache)
    const b = renderKeyParts(key('vk_2', { display_prefix: 'other' }), parts(), 0, [], cache)
    expect(b.template).toBe(a.template)
    // Without a cache the same content gets the same id: ids name content.
    expect(renderKeyParts(key('vk_3'), parts(), 0).template.id).toBe(a.template.id)
    const budgeted = renderKeyParts(key('vk_4'), parts(), 0, [budget], cache)
    expect(budgeted.template.id).not.toBe(a.template.id)
    expect(budgeted.template.value.budgets).toEqual([budget])
    const otherProject = renderKeyParts(key('vk_5', { project_id: 'proj_2' }), parts(), 0, [], cache)
    expect(otherProject.template).not.toBe(a.template)
  })

  it('keeps a guardrail attached to one key out of the others’ shared template', () => {
    const cache = createTemplateCache()
    const project = parts(guardrailOn('vk_guarded'))
    const plain = renderKeyParts(key('vk_1'), project, 0, [], cache)
    const guarded = renderKeyParts(key('vk_guarded'), project, 0, [], cache)
    const plainAgain = renderKeyParts(key('vk_2'), project, 0, [], cache)
    expect(guarded.template.value.guardrails.map((each) => each.id)).toEqual(['gr_1'])
    expect(plain.template.value.guardrails).toEqual([])
    expect(plainAgain.template).toBe(plain.template)
  })

  it('changes the ETag with every own field, the template and the project parts', () => {
    const base = renderKeyParts(key('vk_1'), parts(), 0).etag
    expect(base).toMatch(/^"[A-Za-z0-9_-]{43}"$/)
    expect(renderKeyParts(key('vk_1'), parts(), 0).etag).toBe(base)
    const variants = [
      renderKeyParts(key('vk_1', { display_prefix: 'lw_vk_live_other' }), parts(), 0),
      renderKeyParts(key('vk_1', { revision: 4 }), parts(), 0),
      renderKeyParts(key('vk_1', { team_id: 'team_1' }), parts(), 0),
      renderKeyParts(key('vk_1', { expires_at: new Date(60_000) }), parts(), 0),
      renderKeyParts(key('vk_1', { status: 'revoked' }), parts(), 0),
      renderKeyParts(key('vk_1'), parts(), 0, [budget]),
      renderKeyParts(key('vk_1'), parts(noProjectGuardrails, 'd2'), 0),
    ]
    expect(new Set([base, ...variants.map((each) => each.etag)]).size).toBe(variants.length + 1)
  })
})
