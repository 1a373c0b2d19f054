import { describe, expect, it } from 'vitest'
import { parseBundleClaims } from './bundle-claims.js'
import { isKnownChangeKind, parseChangesResponse } from './changes.js'
import { readControlPlaneError } from './error-body.js'
import { parseGuardrailCheckRequest, parseGuardrailCheckResponse } from './guardrail-check.js'
import { parseResolveKeyRequest, parseResolveKeyResponse } from './resolve-key.js'
import { MAX_SPEND_RECORDS, parseSpendCommandsRequest } from './spend-commands.js'

const record = (seq: number) => ({
  command: 'confirmSpend',
  payload: { gateway_request_id: `r${seq}`, cost_micro_usd: 5, usage: { input_tokens: 3, output_tokens: 4 } },
  pod_id: 'pod-a',
  pod_seq: seq,
})

describe('wire schemas', () => {
  it('parses resolve-key both ways and names missing fields', () => {
    expect(parseResolveKeyRequest({ key_presented: 'k', gateway_node_id: 'n' })).toEqual({
      key_presented: 'k',
      gateway_node_id: 'n',
    })
    expect(() => parseResolveKeyRequest({ gateway_node_id: 'n' })).toThrowError(
      expect.objectContaining({ code: 'bad_request', meta: { field: 'key_presented' } }),
    )
    expect(() => parseResolveKeyResponse({ jwt: 'x', revision: '1', key_id: 'vk' })).toThrowError(
      /display_prefix/,
    )
  })

  it('reads bundle claims, defaulting optional ids to null', () => {
    const claims = parseBundleClaims({
      vk_id: 'vk_1',
      org_id: 'o',
      project_id: 'p',
      revision: 3,
      iat: 1,
      exp: 2,
      iss: 'langwatch-control-plane',
      aud: 'langwatch-gateway',
    })
    expect(claims).toMatchObject({ team_id: null, principal_id: null, vk_expires_at: null, revision: '3' })
    expect(() => parseBundleClaims({ vk_id: 'vk_1' })).toThrowError(
      expect.objectContaining({ code: 'auth_upstream_unavailable' }),
    )
  })

  it('parses changes, keeping unknown kinds for the caller to ignore', () => {
    const parsed = parseChangesResponse({
      current_revision: 9,
      changes: [
        { kind: 'BUDGET_UPDATED', budget_id: 'b1', revision: '8' },
        { kind: 'SOMETHING_NEW', revision: '9' },
      ],
    })
    expect(parsed.current_revision).toBe('9')
    expect(parsed.changes.map((change) => isKnownChangeKind(change.kind))).toEqual([true, false])
  })

  it('bounds spend-command batches to 1–500 records and defaults usage counts to 0', () => {
    const parsed = parseSpendCommandsRequest({ records: [record(1)] })
    expect(parsed.records[0]?.payload.usage).toEqual({
      input_tokens: 3,
      output_tokens: 4,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
      reasoning_tokens: 0,
    })
    expect(() => parseSpendCommandsRequest({ records: [] })).toThrowError(/records/)
    const tooMany = Array.from({ length: MAX_SPEND_RECORDS + 1 }, (_, seq) => record(seq))
    expect(() => parseSpendCommandsRequest({ records: tooMany })).toThrowError(/records/)
    expect(() => parseSpendCommandsRequest({ records: [{ ...record(1), command: 'refund' }] })).toThrowError(
      /records\.0\.command/,
    )
  })

  it('parses guardrail checks and verdicts', () => {
    const request = {
      vk_id: 'vk',
      project_id: 'p',
      direction: 'stream_chunk',
      guardrail_ids: ['g'],
      content: 'x',
    }
    expect(parseGuardrailCheckRequest(request)).toEqual(request)
    expect(() => parseGuardrailCheckRequest({ ...request, direction: 'sideways' })).toThrowError(/direction/)
    expect(parseGuardrailCheckResponse({ decision: 'modify', reason: 'pii', modified_content: 'y' })).toEqual(
      {
        decision: 'modify',
        reason: 'pii',
        modified_content: 'y',
        policies_triggered: [],
      },
    )
  })

  it('reads a control-plane error body or returns null', () => {
    expect(readControlPlaneError({ error: { code: 'virtual_key_revoked', message: 'r' } })?.error.code).toBe(
      'virtual_key_revoked',
    )
    expect(readControlPlaneError({ message: 'nope' })).toBeNull()
    expect(readControlPlaneError('<html>')).toBeNull()
  })
})
