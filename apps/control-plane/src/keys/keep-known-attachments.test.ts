import type { GuardrailConfig } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { keepKnownAttachments } from './keep-known-attachments.js'

const guardrail = (id: string): GuardrailConfig =>
  ({ id, evaluator: 'pii', direction: 'request', failure_mode: 'fail_closed' }) as GuardrailConfig

describe('keepKnownAttachments', () => {
  it('drops ids absent from guardrails and attachments left empty', () => {
    const kept = keepKnownAttachments(
      [
        { direction: 'request', guardrail_ids: ['g1', 'gone'] },
        { direction: 'response', guardrail_ids: ['gone'] },
      ],
      [guardrail('g1')],
    )
    expect(kept).toEqual([{ direction: 'request', guardrail_ids: ['g1'] }])
  })

  it('drops every attachment when no guardrail is defined', () => {
    expect(keepKnownAttachments([{ direction: 'request', guardrail_ids: ['g1'] }], [])).toEqual([])
  })
})
