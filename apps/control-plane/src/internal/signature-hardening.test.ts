// Issue 13 over real HTTP: internal signatures cover the query, cannot be replayed, and the
// path-only form is accepted only in LW_GATEWAY_HMAC_COMPAT=path-only.
import { signRequest } from '@gw/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'

let h: Harness
let compat: Harness

beforeAll(async () => {
  ;[h, compat] = await Promise.all([
    startHarness(),
    startHarness({ env: { LW_GATEWAY_HMAC_COMPAT: 'path-only' } }),
  ])
  await Promise.all([seedTenant(h), seedTenant(h), seedTenant(compat)])
})
afterAll(async () => {
  await Promise.all([h?.close(), compat?.close()])
})

function signedGet(target: Harness, path: string, scope?: 'path-only') {
  const signed = signRequest({
    secret: target.config.internalSecret,
    method: 'GET',
    path,
    timestamp: Math.floor(target.now() / 1000),
    ...(scope === undefined ? {} : { scope }),
  })
  return {
    headers: signed.headers,
    send: (sentPath = path) => fetch(`${target.cp.url}${sentPath}`, { headers: signed.headers }),
  }
}

const reasonOf = async (response: Response) =>
  ((await response.json()) as { error: { meta?: { reason?: string } } }).error.meta?.reason

describe('internal API signatures', () => {
  it('refuses a signature for /bootstrap?limit=1 replayed with ?limit=5000', async () => {
    const request = signedGet(h, '/api/internal/gateway/bootstrap?limit=1')
    const widened = await request.send('/api/internal/gateway/bootstrap?limit=5000')
    expect(widened.status).toBe(401)
    expect(await reasonOf(widened)).toBe('invalid_signature')
    expect((await request.send()).status).toBe(200)
  })

  it('refuses the same signed request sent twice', async () => {
    const request = signedGet(h, '/api/internal/gateway/bootstrap?limit=2')
    expect((await request.send()).status).toBe(200)
    const replayed = await request.send()
    expect(replayed.status).toBe(401)
    expect(await reasonOf(replayed)).toBe('replayed_signature')
  })

  it('refuses a path-only signature over a query unless compatibility is on', async () => {
    const strict = signedGet(h, '/api/internal/gateway/bootstrap?limit=3', 'path-only')
    expect((await strict.send()).status).toBe(401)
    const lenient = signedGet(compat, '/api/internal/gateway/bootstrap?limit=3', 'path-only')
    expect((await lenient.send()).status).toBe(200)
  })
})
