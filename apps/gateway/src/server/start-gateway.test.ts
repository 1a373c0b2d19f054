import { createServer } from 'node:net'
import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../test-utils/start-test-gateway.js'

let gateway: TestGateway | undefined

afterEach(async () => {
  await gateway?.close()
  gateway = undefined
})

describe('startGateway', () => {
  it('binds the configured address, reports its URL and flips started', async () => {
    gateway = await startTestGateway()
    expect(gateway.url).toBe(`http://127.0.0.1:${gateway.port}`)
    expect(gateway.lifecycle).toEqual({ started: true, draining: false })
    expect(gateway.adminUrl).toBeUndefined()
    expect(gateway.logs.find('gateway_started')[0]).toMatchObject({ url: gateway.url })
  })

  it('warns jwt_secret_rotation_active while a previous JWT secret is configured', async () => {
    gateway = await startTestGateway({ LW_GATEWAY_JWT_SECRET_PREVIOUS: 'old-secret-value' })
    const [warning] = gateway.logs.find('jwt_secret_rotation_active')
    expect(warning).toMatchObject({ level: 'warn', variable: 'LW_GATEWAY_JWT_SECRET_PREVIOUS' })
    expect(JSON.stringify(gateway.logs.lines)).not.toContain('old-secret-value')
  })

  it('does not warn about rotation without a previous secret', async () => {
    gateway = await startTestGateway()
    expect(gateway.logs.find('jwt_secret_rotation_active')).toEqual([])
  })

  it('fails when the port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as { port: number }
    await expect(startTestGateway({ SERVER_ADDR: `127.0.0.1:${port}` })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    })
    await new Promise((resolve) => blocker.close(resolve))
  })

  it('answers /startupz 503 until beforeReady resolves, then 200', async () => {
    let listeningUrl = ''
    let seenWhileWarming: number | undefined
    gateway = await startTestGateway(
      {},
      {
        onListening: (url) => {
          listeningUrl = url
        },
        beforeReady: async () => {
          const response = await request(`${listeningUrl}/startupz`)
          await response.body.dump()
          seenWhileWarming = response.statusCode
        },
      },
    )
    expect(seenWhileWarming).toBe(503)
    const ready = await request(`${gateway.url}/startupz`)
    await ready.body.dump()
    expect(ready.statusCode).toBe(200)
  })

  it('fails the start and frees the port when beforeReady rejects', async () => {
    let listeningUrl = ''
    await expect(
      startTestGateway(
        {},
        {
          onListening: (url) => {
            listeningUrl = url
          },
          beforeReady: async () => {
            throw new Error('warm-up broke')
          },
        },
      ),
    ).rejects.toThrow('warm-up broke')
    await expect(request(`${listeningUrl}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('closes at once with close()', async () => {
    gateway = await startTestGateway()
    const { url } = gateway
    await gateway.close()
    await expect(request(`${url}/healthz`)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})
