import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { type SpawnedGateway, spawnGateway } from '../test-utils/spawn-gateway.js'
import { testEnv } from '../test-utils/start-test-gateway.js'

let spawned: SpawnedGateway | undefined

afterEach(() => {
  if (spawned?.child.exitCode === null) spawned.child.kill('SIGKILL')
  spawned = undefined
})

describe('SIGTERM on the gateway process', () => {
  it('drains: /readyz 503, an open stream completes intact, exit code 0', async () => {
    spawned = spawnGateway('src/test-utils/serve-with-test-routes.ts', {
      ...testEnv,
      SERVER_DRAIN_DELAY_SECONDS: '3',
      SERVER_GRACEFUL_SECONDS: '10',
    })
    const started = await spawned.waitForLog('gateway_started')
    const url = started.url as string
    const response = await request(`${url}/test/stream?chunks=20&interval=100`)
    const body = (async () => {
      let text = ''
      for await (const chunk of response.body) text += chunk.toString()
      return text
    })()
    await new Promise((resolve) => setTimeout(resolve, 200))
    spawned.child.kill('SIGTERM')
    await spawned.waitForLog('drain_started')
    const ready = await request(`${url}/readyz`)
    expect(ready.statusCode).toBe(503)
    expect(await ready.body.json()).toEqual({ status: 'draining' })

    const expected = `${Array.from({ length: 20 }, (_, i) => `data: ${i}\n\n`).join('')}data: [DONE]\n\n`
    expect(await body).toBe(expected)
    expect(await spawned.exited).toBe(0)
    expect(spawned.logs.find((line) => line.msg === 'drain_complete')).toMatchObject({ cut: 0 })
    expect(spawned.logs.find((line) => line.msg === 'shutdown_signal')).toMatchObject({ signal: 'SIGTERM' })
  }, 40_000)
})
