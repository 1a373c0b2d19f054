import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  createReplayCache,
  NODE_HEADER,
  SIGNATURE_HEADER,
  signRequest,
  stringToSign,
  TIMESTAMP_HEADER,
  verifyRequest,
} from './hmac.js'

const secret = 'shared-test-secret-32byteslong!!'
const path = '/api/internal/gateway/resolve-key'
const body = '{"key_presented":"lw_vk_live_01HZX","gateway_node_id":"gw-a"}'
const bodyHash = '59f25745b66fbb0c7b3714572d20ffef741817b84b86093e4ac6af243af66816'
const vectorSignature = '4e4c8634b10a7ef719cf6d56b89b7f44a5ac7544c03d98ef132b79d36a1a6a1f'
const at = (seconds: number) => () => seconds * 1000

describe('signRequest', () => {
  it('matches the test vector of the contract', () => {
    expect(stringToSign('POST', path, 1734567890, body)).toBe(`POST\n${path}\n1734567890\n${bodyHash}`)
    const signed = signRequest({ secret, method: 'POST', path, body, timestamp: 1734567890, nodeId: 'gw-a' })
    expect(signed.signature).toBe(vectorSignature)
    expect(signed.headers).toEqual({
      [SIGNATURE_HEADER]: vectorSignature,
      [TIMESTAMP_HEADER]: '1734567890',
      [NODE_HEADER]: 'gw-a',
    })
  })

  it('signs bytes and strings alike, and the query string unless path-only', () => {
    const fromBytes = signRequest({
      secret,
      method: 'POST',
      path,
      body: Buffer.from(body),
      timestamp: 1734567890,
    })
    expect(fromBytes.signature).toBe(vectorSignature)
    const withQuery = signRequest({
      secret,
      method: 'POST',
      path: `${path}?a=1`,
      body,
      timestamp: 1734567890,
    })
    expect(withQuery.signature).not.toBe(vectorSignature)
    const pathOnly = signRequest({
      secret,
      method: 'POST',
      path: `${path}?a=1`,
      body,
      timestamp: 1734567890,
      scope: 'path-only',
    })
    expect(pathOnly.signature).toBe(vectorSignature)
  })

  it('hashes the empty body for a GET and defaults the timestamp to now', () => {
    const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    expect(stringToSign('GET', '/x', 1, '')).toBe(`GET\n/x\n1\n${emptyHash}`)
    const before = Math.floor(Date.now() / 1000)
    const signed = signRequest({ secret, method: 'GET', path: '/x' })
    expect(signed.timestamp).toBeGreaterThanOrEqual(before)
    expect(signed.headers[NODE_HEADER]).toBeUndefined()
  })
})

describe('verifyRequest', () => {
  const base = { secret, method: 'POST', path, body, now: at(1734567890) }

  it('accepts the test vector within the window', () => {
    expect(verifyRequest({ ...base, signature: vectorSignature, timestamp: '1734567890' })).toEqual({
      ok: true,
      scope: 'path-and-query',
    })
    const upper = vectorSignature.toUpperCase()
    expect(
      verifyRequest({ ...base, signature: upper, timestamp: '1734567890', now: at(1734567890 + 300) }),
    ).toEqual({ ok: true, scope: 'path-and-query' })
  })

  it('refuses a missing signature first', () => {
    expect(verifyRequest({ ...base, signature: null, timestamp: 'garbage' })).toEqual({
      ok: false,
      reason: 'missing_signature',
    })
    expect(verifyRequest({ ...base, signature: '', timestamp: null }).ok).toBe(false)
  })

  it('refuses a wrong, malformed or differently-sized signature as invalid_signature', () => {
    const wrong = `${vectorSignature.slice(0, 63)}0`
    for (const signature of [wrong, 'zz', vectorSignature.slice(0, 62), `${vectorSignature}00`]) {
      expect(verifyRequest({ ...base, signature, timestamp: '1734567890' })).toEqual({
        ok: false,
        reason: 'invalid_signature',
      })
    }
  })

  it('refuses a tampered body, path or method as invalid_signature', () => {
    const signature = vectorSignature
    const timestamp = '1734567890'
    expect(verifyRequest({ ...base, body: `${body} `, signature, timestamp }).ok).toBe(false)
    expect(verifyRequest({ ...base, path: '/api/internal/gateway/config', signature, timestamp }).ok).toBe(
      false,
    )
    expect(verifyRequest({ ...base, method: 'PUT', signature, timestamp }).ok).toBe(false)
  })

  it('checks the signature before the timestamp: a bad signature with a bad timestamp is invalid_signature', () => {
    expect(verifyRequest({ ...base, signature: vectorSignature, timestamp: 'abc' })).toEqual({
      ok: false,
      reason: 'invalid_signature',
    })
  })

  it('refuses a validly signed but unparsable timestamp as invalid_timestamp', () => {
    // A broken client signs over the exact malformed timestamp string it sends.
    for (const timestamp of ['17345e6', '-5', '']) {
      expect(verifyRequest({ ...base, timestamp, signature: hmacOver(timestamp) })).toEqual({
        ok: false,
        reason: 'invalid_timestamp',
      })
    }
  })

  it('refuses a timestamp outside ±300 s (or a custom window)', () => {
    const signed = signRequest({ secret, method: 'POST', path, body, timestamp: 1734567890 })
    const timestamp = String(signed.timestamp)
    const late = verifyRequest({ ...base, signature: signed.signature, timestamp, now: at(1734567890 + 301) })
    expect(late).toEqual({ ok: false, reason: 'timestamp_out_of_window' })
    const early = verifyRequest({
      ...base,
      signature: signed.signature,
      timestamp,
      now: at(1734567890 - 301),
    })
    expect(early).toEqual({ ok: false, reason: 'timestamp_out_of_window' })
    const narrow = { ...base, signature: signed.signature, timestamp, windowSeconds: 10 }
    expect(verifyRequest({ ...narrow, now: at(1734567890 + 11) }).ok).toBe(false)
  })
})

function hmacOver(timestamp: string): string {
  return createHmac('sha256', secret)
    .update(stringToSign('POST', path, timestamp, body))
    .digest('hex')
}

describe('verifyRequest with a query, compatibility and replays', () => {
  const signedAt = 1734567890
  const query = '/api/internal/gateway/bootstrap?limit=1'
  const sign = (signedPath: string, scope?: 'path-only') =>
    signRequest({ secret, method: 'GET', path: signedPath, timestamp: signedAt, ...(scope ? { scope } : {}) })
  const check = (
    signedPath: string,
    signature: string,
    extra: Partial<Parameters<typeof verifyRequest>[0]> = {},
  ) =>
    verifyRequest({
      secret,
      method: 'GET',
      path: signedPath,
      body: '',
      signature,
      timestamp: String(signedAt),
      now: at(signedAt),
      ...extra,
    })

  it('refuses a signature replayed with another query', () => {
    const { signature } = sign(query)
    expect(check(query, signature).ok).toBe(true)
    expect(check('/api/internal/gateway/bootstrap?limit=5000', signature)).toEqual({
      ok: false,
      reason: 'invalid_signature',
    })
  })

  it('accepts the path-only form only when asked to', () => {
    const { signature } = sign(query, 'path-only')
    expect(check(query, signature)).toEqual({ ok: false, reason: 'invalid_signature' })
    expect(check(query, signature, { acceptPathOnly: true })).toEqual({ ok: true, scope: 'path-only' })
  })

  it('refuses a signature seen before within its window', () => {
    const replayCache = createReplayCache({ maxEntries: 10 })
    const { signature } = sign(query)
    expect(check(query, signature, { replayCache }).ok).toBe(true)
    expect(check(query, signature, { replayCache })).toEqual({ ok: false, reason: 'replayed_signature' })
  })

  it('keeps the replay cache within its bound', () => {
    const replayCache = createReplayCache({ maxEntries: 3 })
    for (let index = 0; index < 10; index++) replayCache.remember(`sig-${index}`, signedAt + 300, signedAt)
    expect(replayCache.size).toBeLessThanOrEqual(3)
  })
})
