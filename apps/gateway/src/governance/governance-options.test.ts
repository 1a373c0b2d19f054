import type { GuardrailCheckRequest, GuardrailCheckResponse } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { createGovernanceOptions } from './governance-options.js'

const settings = {
  preTimeoutMs: 800,
  postTimeoutMs: 2000,
  chunkTimeoutMs: 50,
  streamWindowChars: 256,
  streamRemoteEvery: 4,
}
const signal = new AbortController().signal

function optionsAnswering(answer: GuardrailCheckResponse) {
  const sent: GuardrailCheckRequest[] = []
  const counted: Array<{ direction: string; verdict: string }> = []
  const options = createGovernanceOptions(
    {
      checkGuardrail: async (body) => {
        sent.push(body)
        return answer
      },
    },
    settings,
    (labels) => counted.push(labels),
  )
  return { options, sent, counted }
}

describe('createGovernanceOptions', () => {
  it('asks /guardrail/check with the key, the wire direction and the segments', async () => {
    const { options, sent } = optionsAnswering({ decision: 'allow', reason: '', policies_triggered: [] })
    const check = options.remoteFor('vk_1', 'proj_1')
    await check({ guardrailIds: ['g1', 'g2'], stage: 'pre', texts: ['a', 'b'] }, signal)
    await check({ guardrailIds: ['g1'], stage: 'stream_chunk', texts: ['window'] }, signal)
    expect(sent).toEqual([
      {
        vk_id: 'vk_1',
        project_id: 'proj_1',
        direction: 'request',
        guardrail_ids: ['g1', 'g2'],
        content: ['a', 'b'],
      },
      {
        vk_id: 'vk_1',
        project_id: 'proj_1',
        direction: 'stream_chunk',
        guardrail_ids: ['g1'],
        content: 'window',
      },
    ])
  })

  it('turns modified_content into segments, and refuses a modify it cannot apply', async () => {
    const ok = optionsAnswering({
      decision: 'modify',
      reason: 'r',
      modified_content: ['x', 'y'],
      policies_triggered: [],
    })
    expect(
      await ok.options.remoteFor('vk', null)(
        { guardrailIds: ['g'], stage: 'pre', texts: ['a', 'b'] },
        signal,
      ),
    ).toEqual({
      decision: 'modify',
      reason: 'r',
      texts: ['x', 'y'],
    })
    const structured = optionsAnswering({
      decision: 'modify',
      reason: 'r',
      modified_content: { a: 1 },
      policies_triggered: [],
    })
    await expect(
      structured.options.remoteFor('vk', null)({ guardrailIds: ['g'], stage: 'post', texts: ['a'] }, signal),
    ).rejects.toThrow('modify without text segments')
  })

  it('counts outcomes by wire direction, failed-open guardrails apart', () => {
    const { options, counted } = optionsAnswering({ decision: 'allow', reason: '', policies_triggered: [] })
    const warnings: unknown[] = []
    const logger = { warn: (fields: unknown) => warnings.push(fields) } as never
    options.record('post', { decision: 'allow', texts: [], modifiedBy: [], failedOpen: ['g'] }, logger)
    expect(counted).toEqual([
      { direction: 'response', verdict: 'allow' },
      { direction: 'response', verdict: 'failed_open' },
    ])
    expect(warnings).toEqual([{ direction: 'response', guardrail_ids: ['g'] }])
  })
})
