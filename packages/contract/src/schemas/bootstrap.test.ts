import { describe, expect, it } from 'vitest'
import { GatewayError } from '../errors.js'
import { type BootstrapTemplates, parseBootstrapPage } from './bootstrap.js'

const claims = (id: string) => ({
  vk_id: id,
  org_id: 'org_1',
  project_id: 'proj_1',
  team_id: null,
  principal_id: null,
  revision: '1',
  vk_expires_at: null,
  iss: 'langwatch-control-plane',
  aud: 'langwatch-gateway',
  iat: 1,
  exp: 901,
})

const own = (id: string) => ({ display_prefix: `lw_vk_live_${id}`, status: 'active' })

const wholeConfig = (id: string) => ({
  vk_id: id,
  organization_id: 'org_1',
  project_id: 'proj_1',
  team_id: null,
  principal_id: null,
  revision: '1',
  expires_at: null,
  ...own(id),
})

const template = { model_aliases: { fast: 'gpt-4o-mini' }, vk_tags: ['a'] }

const hash = (n: number) => String(n).padStart(64, '0')

const templatedKey = (id: string, n: number, templateId = 't1') => ({
  key_hash: hash(n),
  key_id: id,
  claims: claims(id),
  etag: `"${id}"`,
  template: templateId,
  own: own(id),
})

function pageProblem(run: () => unknown): GatewayError {
  try {
    run()
  } catch (error) {
    if (error instanceof GatewayError) return error
    throw error
  }
  throw new Error('expected a GatewayError')
}

describe('parseBootstrapPage', () => {
  it('reads a key sent with its whole config', () => {
    const page = parseBootstrapPage({
      keys: [{ key_hash: hash(1), key_id: 'vk_1', claims: claims('vk_1'), config: wholeConfig('vk_1') }],
      next_after: null,
    })
    expect(page.keys[0]?.config.vk_id).toBe('vk_1')
    expect(page.keys[0]?.config.model_aliases).toEqual({})
    expect(page.keys[0]?.etag).toBeNull()
  })

  it('takes a templated key’s identity from its claims', () => {
    const page = parseBootstrapPage({
      keys: [
        {
          ...templatedKey('vk_9', 9),
          claims: { ...claims('vk_9'), org_id: 'org_2', team_id: 'team_1', revision: 7, vk_expires_at: 500 },
        },
      ],
      templates: { t1: { ...template, vk_id: 'vk_other', organization_id: 'org_other' } },
      next_after: null,
    })
    expect(page.keys[0]?.config).toMatchObject({
      vk_id: 'vk_9',
      organization_id: 'org_2',
      team_id: 'team_1',
      revision: '7',
      expires_at: 500,
    })
  })

  it('lays each key’s own fields over its template; keys of one template share its frozen values', () => {
    const page = parseBootstrapPage({
      keys: [templatedKey('vk_1', 1), templatedKey('vk_2', 2)],
      templates: { t1: template },
      next_after: null,
    })
    const [first, second] = page.keys.map((key) => key.config)
    expect(second).toMatchObject({
      vk_id: 'vk_2',
      organization_id: 'org_1',
      project_id: 'proj_1',
      team_id: null,
      principal_id: null,
      revision: '1',
      expires_at: null,
      display_prefix: 'lw_vk_live_vk_2',
      status: 'active',
    })
    expect(first?.vk_id).toBe('vk_1')
    expect(first?.model_aliases).toEqual({ fast: 'gpt-4o-mini' })
    // Defaults of the full config apply to the template's absent fields.
    expect(first?.policy_rules.tools).toEqual({ deny: [], allow: null })
    expect(first?.model_aliases).toBe(second?.model_aliases)
    expect(Object.isFrozen(first?.vk_tags)).toBe(true)
    expect(() => (first!.vk_tags as string[]).push('b')).toThrow(TypeError)
    expect(Object.isFrozen(first)).toBe(false)
    expect('template' in first!).toBe(false)
    expect('own' in page.keys[0]!).toBe(false)
  })

  it('validates a template once per map: a later page may name it without sending it again', () => {
    const templates: BootstrapTemplates = new Map()
    const one = parseBootstrapPage(
      { keys: [templatedKey('vk_1', 1)], templates: { t1: template }, next_after: 'vk_1' },
      templates,
    )
    const two = parseBootstrapPage({ keys: [templatedKey('vk_2', 2)], next_after: null }, templates)
    expect(templates.size).toBe(1)
    expect(two.keys[0]?.config.model_aliases).toBe(one.keys[0]?.config.model_aliases)
    const alone = pageProblem(() => parseBootstrapPage({ keys: [templatedKey('vk_2', 2)], next_after: null }))
    expect(alone.code).toBe('internal_error')
    expect(alone.message).toContain('keys.0.template')
    expect(alone.message).toContain('no template "t1"')
  })

  it('names the field of a key with neither form, and of a template that is not a config', () => {
    const neither = pageProblem(() =>
      parseBootstrapPage({
        keys: [{ key_hash: hash(1), key_id: 'vk_1', claims: claims('vk_1'), template: 't1' }],
        templates: { t1: template },
        next_after: null,
      }),
    )
    expect(neither.message).toContain('"keys.0"')
    expect(neither.message).toContain('"template" and "own"')
    const badTemplate = pageProblem(() =>
      parseBootstrapPage({
        keys: [templatedKey('vk_1', 1)],
        templates: { t1: { model_aliases: { fast: 42 } } },
        next_after: null,
      }),
    )
    expect(badTemplate.code).toBe('internal_error')
    expect(badTemplate.message).toContain('bootstrap template "t1"')
    expect(badTemplate.message).toContain('model_aliases.fast')
    const badOwn = pageProblem(() =>
      parseBootstrapPage({
        keys: [{ ...templatedKey('vk_1', 1), own: { ...own('vk_1'), display_prefix: 7 } }],
        templates: { t1: template },
        next_after: null,
      }),
    )
    expect(badOwn.message).toContain('keys.0.own.display_prefix')
  })
})
