import { describe, expect, it } from 'vitest'
import { classifyControlPlaneFailure } from './classify-control-plane-failure.js'

const body = (code: string) => ({ error: { type: 'x', code, message: 'm' } })

describe('classifyControlPlaneFailure', () => {
  it('maps key-state codes on key endpoints to auth errors with the client-facing code', () => {
    expect(classifyControlPlaneFailure('key', 403, body('virtual_key_disabled'))).toMatchObject({
      kind: 'auth',
      code: 'virtual_key_disabled',
      status: 403,
      controlPlaneCode: 'virtual_key_disabled',
    })
    expect(classifyControlPlaneFailure('key', 404, body('not_found'))).toMatchObject({
      kind: 'auth',
      code: 'invalid_api_key',
    })
    expect(classifyControlPlaneFailure('key', 401, 'not json')).toMatchObject({
      kind: 'auth',
      code: 'invalid_api_key',
    })
  })

  it('does not treat a refused request or a bare 403 as a bad key', () => {
    expect(classifyControlPlaneFailure('key', 401, body('invalid_signature'))).toMatchObject({
      kind: 'rejected',
      code: 'auth_upstream_unavailable',
    })
    expect(classifyControlPlaneFailure('key', 403, null).kind).toBe('rejected')
    expect(classifyControlPlaneFailure('other', 404, body('virtual_key_revoked')).kind).toBe('rejected')
  })

  it('treats 5xx, 429 and 408 as transport, retryable', () => {
    for (const status of [500, 503, 429, 408]) {
      expect(classifyControlPlaneFailure('key', status, null)).toMatchObject({
        kind: 'transport',
        retryable: true,
      })
    }
    expect(classifyControlPlaneFailure('other', 502, null).code).toBe('service_unavailable')
    expect(classifyControlPlaneFailure('other', 400, null)).toMatchObject({
      kind: 'rejected',
      retryable: false,
    })
  })
})
