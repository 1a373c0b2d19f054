// SERVER_MAX_INFLIGHT_REQUESTS over real HTTP: past the cap, 503 `overloaded` before any work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StackGateway, startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, getV1, messagesBody, postV1 } from '../test-utils/v1-http.js'

let stack: TestStack
let capped: StackGateway

beforeAll(async () => {
  stack = await startStack()
  capped = await stack.startGateway({ SERVER_MAX_INFLIGHT_REQUESTS: '2' })
})
afterAll(() => stack?.close())

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('in-flight cap', () => {
  it('sheds the third concurrent request with 503 and Retry-After, without calling upstream', async () => {
    const { key } = await stack.createKey()
    const url = capped.gateway.url
    // Warm the key so the slow requests hold their slots in the provider call, not the lookup.
    expect((await postV1(url, '/v1/chat/completions', chatBody(), bearer(key))).status).toBe(200)
    const before = stack.mock.requests.length
    stack.mock.enqueue({ hangMs: 1_500 })
    stack.mock.enqueue({ hangMs: 1_500 })
    const slow = [1, 2].map(() => postV1(url, '/v1/chat/completions', chatBody(), bearer(key)))
    await waitFor(() => stack.mock.requests.length === before + 2)

    const shed = await postV1(url, '/v1/chat/completions', chatBody(), bearer(key))
    expect(shed.status).toBe(503)
    expect(shed.headers.get('retry-after')).toBe('1')
    expect(shed.json()).toMatchObject({ error: { code: 'overloaded', meta: { limit: 2 } } })
    const shedAnthropic = await postV1(url, '/v1/messages', messagesBody(), { 'x-api-key': key })
    expect(shedAnthropic.status).toBe(503)
    expect(shedAnthropic.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } })
    expect(stack.mock.requests.length).toBe(before + 2)

    // Probes and metrics are never shed.
    expect((await getV1(url, '/healthz')).status).toBe(200)
    const metrics = await getV1(url, '/metrics')
    expect(metrics.status).toBe(200)
    expect(metrics.text).toContain('gateway_requests_shed_total{reason="in_flight_cap"} 2')

    expect((await Promise.all(slow)).map((answer) => answer.status)).toEqual([200, 200])
    expect((await postV1(url, '/v1/chat/completions', chatBody(), bearer(key))).status).toBe(200)
    expect(capped.gateway.logs.find('requests_shed')).toHaveLength(1)
  })

  it('lets every request through when the cap is 0', async () => {
    const { key } = await stack.createKey()
    const uncapped = await stack.startGateway({ SERVER_MAX_INFLIGHT_REQUESTS: '0' })
    const before = stack.mock.requests.length
    for (let index = 0; index < 3; index++) stack.mock.enqueue({ hangMs: 500 })
    const answers = await Promise.all(
      [1, 2, 3].map(() => postV1(uncapped.gateway.url, '/v1/chat/completions', chatBody(), bearer(key))),
    )
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
    expect(stack.mock.requests.length).toBe(before + 3)
  })
})
