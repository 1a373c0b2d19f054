// End to end: an admit record is written only for a request still running after GATEWAY_SPEND_ADMIT_DELAY_MS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1 } from '../test-utils/v1-http.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('deferred admit records (GATEWAY_SPEND_ADMIT_DELAY_MS=200)', () => {
  let stack: TestStack
  let key: string
  beforeAll(async () => {
    stack = await startStack({ gatewayEnv: { GATEWAY_SPEND_ADMIT_DELAY_MS: '200' } })
    const created = await stack.createKey()
    key = created.key
    await stack.admin.request('POST', '/budgets', {
      scope: 'virtual_key',
      scope_id: created.id,
      window: 'month',
      limit_usd: 1_000,
    })
    await stack.catchUpChangeFeed()
  })
  afterAll(() => stack?.close())

  /** Records the control plane accepted for one request (after any deferred admit had its chance). */
  async function recordsFor(send: () => Promise<number>): Promise<number> {
    const spool = stack.services.budgets.spool
    await spool.shipNow()
    const before = spool.stats().shipped
    expect(await send()).toBe(200)
    await sleep(500)
    await spool.shipNow()
    return spool.stats().shipped - before
  }

  it('ships only the confirm of a request that ends within the delay', async () => {
    const shipped = await recordsFor(
      async () => (await postV1(stack.gateway.url, '/v1/chat/completions', chatBody(), bearer(key))).status,
    )
    expect(shipped).toBe(1)
  })

  it('ships the admit, then the confirm, of a request still running after the delay', async () => {
    stack.mock.enqueue({ latencyMs: 900 })
    const shipped = await recordsFor(
      async () => (await postV1(stack.gateway.url, '/v1/chat/completions', chatBody(), bearer(key))).status,
    )
    expect(shipped).toBe(2)
  })
})
