import { describe, expect, it } from 'vitest'
import { forceCacheControl, stripCacheControl } from './apply-cache-mode.js'
import { compileCacheRules, globToRegExp } from './compile-cache-rules.js'
import { type CacheRequestFacts, parseCacheHeader, resolveCacheMode } from './resolve-cache-mode.js'

const facts: CacheRequestFacts = {
  vkId: 'vk1',
  vkPrefix: 'lw_vk_live_01AB',
  vkTags: ['team:a', 'prod'],
  principalId: 'p1',
  models: ['fast', 'anthropic/claude-sonnet-4'],
  metadata: { feature: 'search' },
}

describe('resolveCacheMode', () => {
  const rules = compileCacheRules([
    { id: 'low', priority: 1, matchers: {}, action: { mode: 'disable' } },
    {
      id: 'claude',
      priority: 5,
      matchers: { model: 'anthropic/claude-*', vk_tags: ['prod'] },
      action: { mode: 'force', ttl: 3600 },
    },
    {
      id: 'meta',
      priority: 9,
      matchers: { request_metadata: { feature: 'chat' } },
      action: { mode: 'disable' },
    },
  ])

  it('lets the header win over every rule', () => {
    expect(resolveCacheMode('respect', rules, facts)).toEqual({ mode: 'respect', source: 'header' })
  })

  it('picks the matching rule of highest priority', () => {
    expect(resolveCacheMode(undefined, rules, facts)).toEqual({
      mode: 'force',
      source: 'rule',
      ruleId: 'claude',
      ttl: 3600,
    })
    expect(resolveCacheMode(undefined, rules, { ...facts, metadata: { feature: 'chat' } })).toMatchObject({
      ruleId: 'meta',
    })
    expect(resolveCacheMode(undefined, rules, { ...facts, vkTags: [] })).toMatchObject({ ruleId: 'low' })
  })

  it("falls back to the key's own cache mode, then respects", () => {
    const none = compileCacheRules([
      { id: 'x', priority: 1, matchers: { vk_id: 'other' }, action: { mode: 'force' } },
    ])
    expect(resolveCacheMode(undefined, none, facts, { mode: 'disable' })).toEqual({
      mode: 'disable',
      source: 'key',
    })
    expect(resolveCacheMode(undefined, null, facts)).toEqual({ mode: 'respect', source: 'default' })
  })

  it('refuses an unknown header value with 400', () => {
    expect(parseCacheHeader(' Force ')).toBe('force')
    expect(() => parseCacheHeader('sometimes')).toThrow(
      /X-LangWatch-Cache must be one of respect, force, disable/,
    )
  })

  it('keeps response-cache rules (mode cache) apart from marker rules', () => {
    const mixed = [
      { id: 'store', priority: 9, matchers: {}, action: { mode: 'cache' as const, ttl: 60 } },
      { id: 'strip', priority: 1, matchers: {}, action: { mode: 'disable' as const } },
    ]
    expect(resolveCacheMode(undefined, compileCacheRules(mixed), facts)).toMatchObject({ ruleId: 'strip' })
    expect(resolveCacheMode(undefined, compileCacheRules(mixed, 'response'), facts)).toEqual({
      mode: 'cache',
      source: 'rule',
      ruleId: 'store',
      ttl: 60,
    })
    expect(compileCacheRules([mixed[1]!], 'response')).toBeNull()
  })

  it('compiles globs anchored', () => {
    expect(globToRegExp('gpt-4?-*').test('gpt-4o-mini')).toBe(true)
    expect(globToRegExp('gpt-4').test('gpt-4o')).toBe(false)
  })
})

describe('cache markers', () => {
  const body = () => ({
    system: [
      { type: 'text', text: 'a', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'b' },
    ],
    tools: [{ name: 't1' }, { name: 't2', cache_control: { type: 'ephemeral' } }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'q', cache_control: { type: 'ephemeral' } }] },
      { role: 'assistant', content: 'r' },
      { role: 'user', content: 'last' },
    ],
  })

  it('disable strips every marker', () => {
    const stripped = body()
    expect(stripCacheControl(stripped)).toBe(true)
    expect(JSON.stringify(stripped)).not.toContain('cache_control')
  })

  it('force replaces the markers with the last system block, last tool and last user block', () => {
    const forced = body()
    expect(forceCacheControl(forced)).toBe(true)
    expect(forced.system[1]).toEqual({ type: 'text', text: 'b', cache_control: { type: 'ephemeral' } })
    expect(forced.tools[1]).toEqual({ name: 't2', cache_control: { type: 'ephemeral' } })
    expect(forced.messages[2]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'last', cache_control: { type: 'ephemeral' } }],
    })
    expect(JSON.stringify(forced).match(/cache_control/g)).toHaveLength(3)
  })
})
