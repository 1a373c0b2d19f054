import { Agent, request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../test-utils/start-test-gateway.js'

let gateway: TestGateway | undefined

afterEach(async () => {
  await gateway?.close()
  gateway = undefined
})

/** Reads an SSE test stream to the end (or to a cut) and returns what arrived. */
async function readStream(url: string): Promise<{ text: string; error: unknown }> {
  const response = await request(url)
  let text = ''
  try {
    for await (const chunk of response.body) text += chunk.toString()
    return { text, error: undefined }
  } catch (error) {
    return { text, error }
  }
}

function expectedStream(chunks: number): string {
  return `${Array.from({ length: chunks }, (_, i) => `data: ${i}\n\n`).join('')}data: [DONE]\n\n`
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('drain', () => {
  it('turns /readyz to 503 draining and gateway_draining to 1 during the pre-drain wait', async () => {
    gateway = await startTestGateway({ SERVER_DRAIN_DELAY_SECONDS: '60', SERVER_GRACEFUL_SECONDS: '5' })
    const drained = gateway.drain()
    const ready = await request(`${gateway.url}/readyz`)
    expect(ready.statusCode).toBe(503)
    expect(ready.headers.connection).toBe('close')
    expect(await ready.body.json()).toEqual({ status: 'draining' })
    const liveness = await request(`${gateway.url}/livez`)
    expect(liveness.statusCode).toBe(200)
    await liveness.body.dump()
    const metrics = await request(`${gateway.url}/metrics`)
    expect(await metrics.body.text()).toContain('gateway_draining 1')
    expect(gateway.logs.find('drain_stopped_accepting')).toEqual([])
    gateway.hurry()
    expect(await drained).toEqual({ cut: 0 })
  })

  it('lets an open stream finish intact, then stops accepting and resolves', async () => {
    gateway = await startTestGateway({ SERVER_GRACEFUL_SECONDS: '10' })
    const stream = readStream(`${gateway.url}/test/stream?chunks=10&interval=100`)
    await sleep(250)
    expect(gateway.inFlight()).toBe(1)
    const result = await gateway.drain()
    const { text, error } = await stream
    expect(error).toBeUndefined()
    expect(text).toBe(expectedStream(10))
    expect(result).toEqual({ cut: 0 })
    await expect(request(`${gateway.url}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    expect(gateway.logs.find('drain_complete')).toHaveLength(1)
  })

  it('closes idle keep-alive connections instead of waiting for their idle timeout', async () => {
    gateway = await startTestGateway({ SERVER_GRACEFUL_SECONDS: '10', SERVER_IDLE_TIMEOUT: '120s' })
    const agent = new Agent({ keepAliveTimeout: 60_000 })
    const response = await request(`${gateway.url}/healthz`, { dispatcher: agent })
    await response.body.dump()
    const startedAt = Date.now()
    await gateway.drain()
    expect(Date.now() - startedAt).toBeLessThan(5_000)
    await agent.close()
  })

  it('ends a never-ending stream at the graceful timeout with an error event and reports how many were cut', async () => {
    gateway = await startTestGateway({ SERVER_GRACEFUL_SECONDS: '500ms' })
    const stream = readStream(`${gateway.url}/test/stream?chunks=0&interval=50`)
    await sleep(200)
    const result = await gateway.drain()
    expect(result).toEqual({ cut: 1 })
    const { text } = await stream
    expect(text).toMatch(/^data: 0\n\n/)
    expect(text).not.toContain('[DONE]')
    // The client's SDK sees the wire's error event, not a TCP reset.
    expect(text).toMatch(/data: \{"error":\{"message":"shutting_down[^\n]*\n\n$/)
    expect(gateway.logs.find('drain_timeout_cut_requests')[0]).toMatchObject({
      level: 'warn',
      cut: 1,
      streams_ended: 1,
    })
    await sleep(50)
    expect(gateway.logs.find('access').at(-1)).toMatchObject({ route: '/test/stream' })
  })

  it('stops waiting when hurried by a second signal', async () => {
    gateway = await startTestGateway({ SERVER_DRAIN_DELAY_SECONDS: '30', SERVER_GRACEFUL_SECONDS: '30' })
    const stream = readStream(`${gateway.url}/test/stream?chunks=0&interval=50`)
    await sleep(150)
    const drained = gateway.drain()
    await sleep(100)
    gateway.hurry()
    expect(await drained).toEqual({ cut: 1 })
    await stream
  })

  it('returns the same drain when called twice', async () => {
    gateway = await startTestGateway()
    expect(gateway.drain()).toBe(gateway.drain())
    await gateway.drain()
  })
})
