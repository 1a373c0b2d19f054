import { describe, expect, it } from 'vitest'
import { GatewayError, isGatewayError, toAnthropicErrorEnvelope, toErrorEnvelope } from './errors.js'

describe('GatewayError', () => {
  it('takes status and type from the code table', () => {
    const error = new GatewayError('invalid_api_key', 'Invalid API key')
    expect(error.status).toBe(401)
    expect(error.type).toBe('authentication_error')
    expect(error.retryable).toBe(false)
    expect(error.toEnvelope()).toEqual({
      error: { type: 'authentication_error', code: 'invalid_api_key', message: 'Invalid API key' },
    })
  })

  it('marks 429 and 5xx retryable and keeps a status override', () => {
    expect(new GatewayError('rate_limited', 'slow down').retryable).toBe(true)
    const passthrough = new GatewayError('provider_error', 'upstream said 503', { status: 503 })
    expect(passthrough.status).toBe(503)
    expect(passthrough.retryable).toBe(true)
  })

  it('captures no stack for client refusals (< 500), keeps one for server errors', () => {
    const before = Error.stackTraceLimit
    const refused = new GatewayError('invalid_api_key', 'Invalid API key')
    const failed = new GatewayError('internal_error', 'boom')
    const overridden = new GatewayError('bad_request', 'upstream said 503', { status: 503 })
    expect(refused.stack).toBe('GatewayError: Invalid API key')
    expect(failed.stack?.split('\n').length).toBeGreaterThan(1)
    expect(overridden.stack?.split('\n').length).toBeGreaterThan(1)
    expect(Error.stackTraceLimit).toBe(before)
  })

  it('is recognised by shape, not by class identity', () => {
    const copy = { name: 'GatewayError', code: 'not_found', message: 'x' }
    expect(isGatewayError(copy)).toBe(true)
    expect(isGatewayError(new Error('x'))).toBe(false)
  })
})

describe('envelopes', () => {
  it('includes meta only when given', () => {
    expect(toErrorEnvelope('not_found', 'nope')).toEqual({
      error: { type: 'not_found_error', code: 'not_found', message: 'nope' },
    })
    expect(toErrorEnvelope('payload_too_large', 'big', undefined, { limit: 10 }).error.meta).toEqual({
      limit: 10,
    })
  })

  it('maps statuses to Anthropic error types', () => {
    expect(toAnthropicErrorEnvelope(401, 'invalid_api_key', 'bad key')).toEqual({
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid_api_key: bad key' },
    })
    expect(toAnthropicErrorEnvelope(503, 'circuit_open', 'x').error.type).toBe('overloaded_error')
  })
})
