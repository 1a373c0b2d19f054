// Issue 13 over real HTTP: the change feed starts at the key's revision (no history replay), and a
// secret replaced by a rotation stops working through the gateway within 5 s of its grace end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, pollUntil, postV1 } from '../test-utils/v1-http.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack?.close())

const chat = (gatewayUrl: string, key: string) =>
  postV1(gatewayUrl, '/v1/chat/completions', chatBody(), bearer(key))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('change feed on first use', () => {
  it('starts from the revision of the key it resolved and evicts nothing cached', async () => {
    // History the feed would replay from revision 0: provider updates evict a whole organisation.
    await stack.addProvider({ type: 'mock', name: 'extra-1', credentials: {} })
    const { key } = await stack.createKey()
    const fresh = await stack.startGateway()
    const changesBefore = stack.controlPlaneProxy.count('GET /api/internal/gateway/changes')
    expect((await chat(fresh.gateway.url, key)).status).toBe(200)
    await pollUntil(
      async () => stack.controlPlaneProxy.count('GET /api/internal/gateway/changes'),
      (count) => count > changesBefore,
      { intervalMs: 20, timeoutMs: 5_000 },
    )
    // A replay of the history answers at once and is applied within milliseconds.
    await sleep(400)
    expect(fresh.gateway.logs.find('change_feed_applied')).toHaveLength(0)
    expect(fresh.services.cache.size).toBe(1)
    const resolvesBefore = stack.controlPlaneProxy.count('POST /api/internal/gateway/resolve-key')
    expect((await chat(fresh.gateway.url, key)).status).toBe(200)
    expect(stack.controlPlaneProxy.count('POST /api/internal/gateway/resolve-key')).toBe(resolvesBefore)
  })
})

describe('rotation grace', () => {
  it('refuses the replaced secret within 5 s of the grace end', async () => {
    const { id, key: oldKey } = await stack.createKey()
    expect((await chat(stack.gateway.url, oldKey)).status).toBe(200)
    const applied = stack.gateway.logs.find('change_feed_applied').length
    const rotated = await stack.admin.request<{ key: string }>('POST', `/virtual-keys/${id}/rotate`, {
      grace_seconds: 3,
    })
    const graceEndsAt = Date.now() + 3_000
    // The rotation reaches the gateway's feed (evicting the old entry); the old secret then
    // resolves again, through its grace.
    await pollUntil(
      async () => stack.gateway.logs.find('change_feed_applied').length,
      (count) => count > applied,
      { intervalMs: 20, timeoutMs: 5_000 },
    )
    expect((await chat(stack.gateway.url, oldKey)).status).toBe(200)
    expect((await chat(stack.gateway.url, rotated.key)).status).toBe(200)
    await sleep(Math.max(0, graceEndsAt - Date.now()))
    const { value, elapsedMs } = await pollUntil(
      async () => (await chat(stack.gateway.url, oldKey)).status,
      (status) => status === 401,
      { intervalMs: 200, timeoutMs: 6_000 },
    )
    expect(value).toBe(401)
    expect(elapsedMs).toBeLessThan(5_000)
    expect((await chat(stack.gateway.url, rotated.key)).status).toBe(200)
  })
})
