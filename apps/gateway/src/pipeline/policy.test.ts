import { type GatewayKeyConfig, parseGatewayKeyConfig } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import type { RequestContext } from '../http/request-context.js'
import { captureLogs } from '../test-utils/capture-logs.js'
import { watchedBody } from '../test-utils/watched-body.js'
import { createRequestBody } from './lazy-body.js'
import { enforceModelPolicy, enforceRequestPolicy } from './policy.js'
import type { RequestBody } from './request-state.js'

const contextWithLogs = () => {
  const logs = captureLogs()
  return { logs, context: { logger: logs.logger } as unknown as RequestContext }
}
const configOf = (policy_rules: unknown): GatewayKeyConfig =>
  parseGatewayKeyConfig({ project_id: 'p', policy_rules })

describe('enforceRequestPolicy', () => {
  it('fails closed with 503 policy_invalid and an error log when a pattern reached the gateway broken', () => {
    const { logs, context } = contextWithLogs()
    const config = configOf({ urls: { deny: ['(unclosed'] } })
    let caught: unknown
    try {
      enforceRequestPolicy(config, { raw: Buffer.from('{"messages":[]}'), parsed: { messages: [] } }, context)
    } catch (error) {
      caught = error
    }
    expect(caught).toMatchObject({
      status: 503,
      code: 'policy_invalid',
      meta: { rule: 'urls', pattern: '(unclosed' },
    })
    expect(logs.find('policy_invalid')).toEqual([expect.objectContaining({ level: 'error', rule: 'urls' })])
  })

  it('returns without parsing the body for a key without rules', () => {
    const { context } = contextWithLogs()
    const body = new Proxy({ raw: Buffer.alloc(0), parsed: {} } as RequestBody, {
      get: () => {
        throw new Error('body read')
      },
    })
    expect(() => enforceRequestPolicy(configOf(undefined), body, context)).not.toThrow()
  })

  const watched = watchedBody
  const agentTurn = (tools: unknown[]) =>
    JSON.stringify({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x'.repeat(50_000) }],
      tools,
      mcp_servers: [{ name: 'docs', url: 'https://mcp.example.com' }],
    })
  const tool = (name: string) => ({ type: 'function', function: { name, parameters: {} } })

  it('checks tool and MCP rules on those fields alone, without parsing the whole body', () => {
    const { context } = contextWithLogs()
    const toolRule = configOf({ tools: { deny: ['^shell_exec$'] } })
    const allowed = watched(agentTurn([tool('read_file')]))
    expect(() => enforceRequestPolicy(toolRule, allowed.body, context)).not.toThrow()
    expect(allowed.counter.parses).toBe(0)
    const denied = watched(agentTurn([tool('read_file'), tool('shell_exec')]))
    expect(() => enforceRequestPolicy(toolRule, denied.body, context)).toThrow(
      expect.objectContaining({ status: 403, code: 'policy_violation' }),
    )
    expect(denied.counter.parses).toBe(0)
    const mcpRule = configOf({ mcp: { deny: ['mcp\\.example\\.com'] } })
    const mcp = watched(agentTurn([]))
    expect(() => enforceRequestPolicy(mcpRule, mcp.body, context)).toThrow(
      expect.objectContaining({ code: 'policy_violation', meta: expect.objectContaining({ rule: 'mcp' }) }),
    )
    expect(mcp.counter.parses).toBe(0)
  })

  it('parses the whole body for URL rules, after a re-serialisation, and when a tool field is not valid JSON', () => {
    const { context } = contextWithLogs()
    const urlRule = configOf({ urls: { deny: ['evil\\.example'] } })
    const urls = watched(
      JSON.stringify({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'see https://evil.example/x' }],
      }),
    )
    expect(() => enforceRequestPolicy(urlRule, urls.body, context)).toThrow(
      expect.objectContaining({ code: 'policy_violation' }),
    )
    expect(urls.counter.parses).toBe(1)

    // A guardrail's redaction replaced the bytes: the scan's offsets no longer hold.
    const toolRule = configOf({ tools: { deny: ['^shell_exec$'] } })
    const scanned = createRequestBody('openai-chat', Buffer.from(agentTurn([tool('read_file')])))
    const replaced = JSON.stringify({ model: 'gpt-4o', messages: [], tools: [tool('shell_exec')] })
    scanned.raw = Buffer.from(replaced)
    // (the lazy parse reads the new bytes)
    expect(() => enforceRequestPolicy(toolRule, scanned, context)).toThrow(
      expect.objectContaining({ code: 'policy_violation' }),
    )

    // The scanner checks brackets, not the grammar inside `tools`: the full parse reports the 400.
    const broken = watched('{"model":"gpt-4o","messages":[],"tools":[{"name" "shell_exec"}]}')
    expect(() => enforceRequestPolicy(toolRule, broken.body, context)).toThrow(
      expect.objectContaining({ status: 400, code: 'invalid_json' }),
    )
    expect(broken.counter.parses).toBe(1)
  })
})

describe('enforceModelPolicy', () => {
  const provider = (id: string, type: string) => ({ id, type }) as never
  const plan = {
    requestedModel: 'smart',
    maxAttempts: undefined,
    candidates: [
      { provider: provider('p1', 'openai'), model: 'gpt-4o' },
      { provider: provider('p2', 'anthropic'), model: 'claude-opus-4' },
      { provider: provider('p3', 'anthropic'), model: 'claude-haiku-4-5' },
    ],
  }

  it('drops denied fallback candidates and keeps the rest of the chain', () => {
    const result = enforceModelPolicy(configOf({ models: { deny: ['opus'] } }), 'smart', plan)
    expect(result.candidates.map((candidate) => candidate.model)).toEqual(['gpt-4o', 'claude-haiku-4-5'])
  })

  it('allows an alias that resolves to an allowed model, refuses one that does not', () => {
    const allowOpenAI = configOf({ models: { allow: ['^openai/'] } })
    expect(enforceModelPolicy(allowOpenAI, 'smart', plan).candidates.map(({ model }) => model)).toEqual([
      'gpt-4o',
    ])
    expect(() => enforceModelPolicy(configOf({ models: { allow: ['^anthropic/'] } }), 'smart', plan)).toThrow(
      /allows only listed values, and "smart" matches none/,
    )
  })
})
