import type { CachedKey } from '@gw/auth-cache'
import { spendPayloadSchema } from '@gw/contract'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { encodeAdmit, encodeConfirm, encodeFail } from './spend-records.js'

const claims = { vk_id: 'vk_1', org_id: 'org_1', project_id: 'proj_1', team_id: null, principal_id: 'p"q' }
const key = { claims } as unknown as CachedKey
const identity = { ...claims }

const parse = (text: string) => {
  const json = JSON.parse(text) as unknown
  expect(v.safeParse(spendPayloadSchema, json).success).toBe(true)
  return json
}

describe('spend record templates', () => {
  it('encodes a confirm as the object form would serialise, usage and cache hit included', () => {
    const usage = {
      inputTokens: 12,
      outputTokens: 5,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 3,
      reasoningTokens: 1,
    }
    const text = encodeConfirm({
      key,
      requestId: 'req\\1',
      endUserId: 'user "7"',
      providerId: 'openai',
      model: 'gpt-4o-mini',
      costMicroUsd: 42.5,
      cacheHit: true,
      usage,
      occurredAtMs: 1_700_000_000_000,
    })
    expect(parse(text)).toEqual({
      gateway_request_id: 'req\\1',
      ...identity,
      end_user_id: 'user "7"',
      model_provider_id: 'openai',
      model: 'gpt-4o-mini',
      cost_micro_usd: 42.5,
      cache_hit: true,
      usage: {
        input_tokens: 12,
        output_tokens: 5,
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 3,
        reasoning_tokens: 1,
      },
      occurred_at: 1_700_000_000_000,
    })
  })

  it('leaves out what a confirm without usage, end user or cache hit does not have', () => {
    const text = encodeConfirm({
      key,
      requestId: 'req_2',
      endUserId: null,
      providerId: null,
      model: 'm',
      costMicroUsd: 7,
      cacheHit: false,
      usage: undefined,
      occurredAtMs: 5,
    })
    expect(parse(text)).toEqual({
      gateway_request_id: 'req_2',
      ...identity,
      model_provider_id: null,
      model: 'm',
      cost_micro_usd: 7,
      occurred_at: 5,
    })
  })

  it('quotes a remembered model name and provider id exactly as the first time, hostile ones too', () => {
    const facts = {
      key,
      requestId: 'req_3',
      endUserId: null,
      providerId: 'mp "\\ x',
      model: 'model "\u2028\\',
      costMicroUsd: 1,
      cacheHit: false,
      usage: undefined,
      occurredAtMs: 9,
    }
    const first = encodeConfirm(facts)
    expect(encodeConfirm({ ...facts, requestId: 'req_4' })).toBe(first.replace('req_3', 'req_4'))
    expect(parse(first)).toMatchObject({ model_provider_id: facts.providerId, model: facts.model })
  })

  it('encodes an admit with its budget ids and a fail with its reason', () => {
    const admit = encodeAdmit({
      key,
      requestId: 'req_3',
      model: 'gpt-4o',
      budgets: [{ id: 'bud_1' }, { id: 'bud_2' }],
      estimateMicroUsd: 900,
      occurredAtMs: 9,
      endUserId: null,
    })
    expect(parse(admit)).toEqual({
      gateway_request_id: 'req_3',
      ...identity,
      model: 'gpt-4o',
      budget_ids: ['bud_1', 'bud_2'],
      estimated_cost_micro_usd: 900,
      occurred_at: 9,
    })
    expect(parse(encodeFail(key, 'req_4', 'status_502', 11))).toEqual({
      gateway_request_id: 'req_4',
      ...identity,
      reason: 'status_502',
      occurred_at: 11,
    })
  })
})
