import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { parseGuardrailCheckRequest } from './guardrail-check.js'
import { patchRealtimeSessionRequestSchema } from './realtime-sessions.js'
import { parseResolveKeyRequest } from './resolve-key.js'
import { spendRecordSchema } from './spend-commands.js'

describe('request schemas accept what LangWatch gateway sends', () => {
  it('resolves with key_presented alone and ignores unknown fields', () => {
    expect(parseResolveKeyRequest({ key_presented: 'lw_vk_live_x' })).toEqual({
      key_presented: 'lw_vk_live_x',
    })
    expect(parseResolveKeyRequest({ key_presented: 'k', instance_id: 'i', future_field: 1 })).toEqual({
      key_presented: 'k',
      instance_id: 'i',
    })
  })

  it('reads guardrail_ids null as [] and content as {messages|output|chunk}', () => {
    const check = parseGuardrailCheckRequest({
      vk_id: 'vk',
      project_id: 'p',
      direction: 'request',
      content: { messages: [{ role: 'user', content: 'hi' }] },
      guardrail_ids: null,
    })
    expect(check.guardrail_ids).toEqual([])
    expect(check.content).toEqual({ messages: [{ role: 'user', content: 'hi' }] })
  })

  it("defaults a spend record's pod_id and pod_seq and keeps unknown payload fields", () => {
    const record = v.parse(spendRecordSchema, {
      command: 'failSpend',
      payload: { gateway_request_id: 'r1', error: { type: 'provider_timeout', http_status: 504 } },
    })
    expect(record).toMatchObject({ pod_id: '', pod_seq: 0 })
    expect(record.payload.error).toEqual({ type: 'provider_timeout', http_status: 504 })
    expect(v.safeParse(spendRecordSchema, { command: 'admitSpend', payload: {} }).success).toBe(false)
  })

  it('requires a realtime patch to carry a vendor conversation id or a terminal status', () => {
    expect(v.safeParse(patchRealtimeSessionRequestSchema, { project_id: 'p' }).success).toBe(false)
    expect(
      v.safeParse(patchRealtimeSessionRequestSchema, { project_id: 'p', status: 'FAILED' }).success,
    ).toBe(true)
  })
})
