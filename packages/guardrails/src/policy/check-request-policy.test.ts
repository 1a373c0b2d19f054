import type { PolicyRules } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { checkModelPolicy, checkRequestPolicy } from './check-request-policy.js'
import { type CompiledPolicy, compilePolicy } from './compile-policy.js'

const empty = { deny: [], allow: null }
function policyOf(overrides: Partial<PolicyRules>): CompiledPolicy {
  const compiled = compilePolicy({ tools: empty, mcp: empty, urls: empty, models: empty, ...overrides })
  if (!compiled.ok || compiled.policy === null) throw new Error('expected a policy')
  return compiled.policy
}

describe('checkRequestPolicy: tools', () => {
  const policy = policyOf({ tools: { deny: ['^shell$'], allow: null } })

  it.each([
    ['OpenAI chat', { tools: [{ type: 'function', function: { name: 'shell' } }] }],
    ['Responses', { tools: [{ type: 'function', name: 'shell' }] }],
    ['Anthropic', { tools: [{ name: 'shell', input_schema: {} }] }],
    ['Gemini', { tools: [{ functionDeclarations: [{ name: 'ok' }, { name: 'shell' }] }] }],
    ['Bedrock', { toolConfig: { tools: [{ toolSpec: { name: 'shell' } }] } }],
  ])('denies a tool by name on the %s wire', (_wire, body) => {
    expect(checkRequestPolicy(policy, body)).toMatchObject({ rule: 'tools', value: 'shell' })
  })

  it('names built-in tools without a name by their type', () => {
    const denyWebSearch = policyOf({ tools: { deny: ['^web_search'], allow: null } })
    expect(checkRequestPolicy(denyWebSearch, { tools: [{ type: 'web_search' }] })).toMatchObject({
      value: 'web_search',
    })
  })

  it('lets other tools through', () => {
    expect(
      checkRequestPolicy(policy, { tools: [{ type: 'function', function: { name: 'get' } }] }),
    ).toBeUndefined()
  })
})

describe('checkRequestPolicy: MCP servers', () => {
  const policy = policyOf({ mcp: { deny: ['evil\\.example'], allow: ['^github$', 'internal\\.corp'] } })

  it('denies a server by URL in mcp_servers, mcp, mcps and Responses mcp tools', () => {
    const server = { type: 'url', name: 'x', url: 'https://evil.example/mcp' }
    for (const body of [
      { mcp_servers: [server] },
      { mcp: server },
      { mcps: [server] },
      { tools: [{ type: 'mcp', server_label: 'x', server_url: 'https://evil.example/mcp' }] },
    ]) {
      expect(checkRequestPolicy(policy, body)).toMatchObject({ rule: 'mcp', list: 'deny' })
    }
  })

  it('allows a server when one of its identifiers is on the allow-list', () => {
    expect(
      checkRequestPolicy(policy, { mcp_servers: [{ name: 'github', url: 'https://x.dev' }] }),
    ).toBeUndefined()
    expect(
      checkRequestPolicy(policy, { mcp_servers: [{ name: 'other', url: 'https://x.dev' }] }),
    ).toMatchObject({
      rule: 'mcp',
      list: 'allow',
    })
  })
})

describe('checkRequestPolicy: URLs', () => {
  const policy = policyOf({ urls: { deny: ['^https?://([^/]*\\.)?bad\\.test'], allow: null } })

  it('finds URLs in message text, content parts, tool definitions and params', () => {
    const bodies = [
      { messages: [{ role: 'user', content: 'read http://bad.test/x.' }] },
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'go https://www.bad.test' }] }] },
      { tools: [{ type: 'function', function: { name: 'f', description: 'fetches https://bad.test/api' } }] },
      { web_search_options: { url: 'https://bad.test' } },
    ]
    for (const body of bodies) expect(checkRequestPolicy(policy, body)).toMatchObject({ rule: 'urls' })
  })

  it('reports the URL without trailing punctuation', () => {
    const body = { messages: [{ role: 'user', content: 'see (http://bad.test/page).' }] }
    expect(checkRequestPolicy(policy, body)).toMatchObject({ value: 'http://bad.test/page' })
  })

  it('passes text with good URLs or none, and survives deeply nested JSON', () => {
    expect(
      checkRequestPolicy(policy, { messages: [{ content: 'https://good.test and no more' }] }),
    ).toBeUndefined()
    let deep: unknown = 'https://bad.test'
    for (let i = 0; i < 50_000; i++) deep = [deep]
    expect(checkRequestPolicy(policy, { deep } as Record<string, unknown>)).toMatchObject({ rule: 'urls' })
  })
})

describe('checkModelPolicy', () => {
  const policy = policyOf({ models: { deny: ['gpt-4o$'], allow: null } })

  it('checks the requested and the resolved name', () => {
    expect(checkModelPolicy(policy, ['fast', 'openai/gpt-4o'])).toMatchObject({ value: 'openai/gpt-4o' })
    expect(checkModelPolicy(policy, ['fast', 'openai/gpt-4o-mini'])).toBeUndefined()
  })

  it('allows when any name matches the allow-list, and reports the requested name otherwise', () => {
    const allowAnthropic = policyOf({ models: { deny: [], allow: ['^anthropic/'] } })
    expect(
      checkModelPolicy(allowAnthropic, ['fast', 'claude-haiku-4-5', 'anthropic/claude-haiku-4-5']),
    ).toBeUndefined()
    expect(checkModelPolicy(allowAnthropic, ['smart', 'gpt-4o', 'openai/gpt-4o'])).toMatchObject({
      list: 'allow',
      value: 'smart',
    })
  })
})
