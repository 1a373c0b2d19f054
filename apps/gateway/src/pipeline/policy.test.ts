import { type GatewayKeyConfig, parseGatewayKeyConfig } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import type { RequestContext } from '../http/request-context.js'
import { captureLogs } from '../test-utils/capture-logs.js'
import { enforceModelPolicy, enforceRequestPolicy } from './policy.js'

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
      enforceRequestPolicy(config, { parsed: { messages: [] } }, context)
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
    const body = new Proxy(
      { parsed: {} },
      {
        get: () => {
          throw new Error('body read')
        },
      },
    )
    expect(() => enforceRequestPolicy(configOf(undefined), body, context)).not.toThrow()
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
