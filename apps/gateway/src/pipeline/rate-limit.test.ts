import { IncomingMessage } from 'node:http'
import { Socket } from 'node:net'
import type { CachedKey } from '@gw/auth-cache'
import { createRateLimiter } from '@gw/budget'
import { isGatewayError } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import type { Budgets } from '../governance/create-budgets.js'
import { GatewayResponse, setOwnHeaders } from '../http/gateway-response.js'
import { applyRateLimit } from './rate-limit.js'
import type { RequestBody } from './request-state.js'

const governance = {
  limiter: createRateLimiter(),
  now: () => Date.UTC(2026, 0, 1, 12, 0, 30),
} as unknown as Budgets
const body = { raw: Buffer.from('{"model":"m"}') } as RequestBody
const keyWith = (rpm: number | null) =>
  ({
    claims: { vk_id: `vk_${rpm}` },
    config: { rate_limits: { rpm, rpd: null, tpm: null } },
  }) as unknown as CachedKey

function response(): GatewayResponse {
  const outgoing = new GatewayResponse(new IncomingMessage(new Socket()))
  setOwnHeaders(outgoing, ['x-request-id', 'req_1'])
  return outgoing
}

describe('applyRateLimit', () => {
  it("puts the x-ratelimit headers in the response's own list, not in Node's header store", () => {
    const outgoing = response()
    const decision = applyRateLimit(governance, keyWith(2), body, outgoing)
    expect(decision?.ok).toBe(true)
    expect(outgoing.own?.get('x-ratelimit-limit-requests')).toBe('2')
    expect(outgoing.own?.get('x-ratelimit-remaining-requests')).toBe('1')
    expect(outgoing.own?.get('x-ratelimit-reset-requests')).toBe('30s')
    expect(outgoing.getHeaderNames()).toEqual([])
  })

  it('refuses past the limit with 429, the headers already on the response', () => {
    const outgoing = response()
    const key = keyWith(1)
    applyRateLimit(governance, key, body, response())
    let refusal: unknown
    try {
      applyRateLimit(governance, key, body, outgoing)
    } catch (error) {
      refusal = error
    }
    expect(isGatewayError(refusal) && refusal.code).toBe('rate_limited')
    expect(outgoing.own?.get('x-ratelimit-remaining-requests')).toBe('0')
  })

  it('does nothing for a key without limits', () => {
    const outgoing = response()
    expect(applyRateLimit(governance, keyWith(null), body, outgoing)).toBeUndefined()
    expect(outgoing.own?.list).toEqual(['x-request-id', 'req_1'])
  })
})
