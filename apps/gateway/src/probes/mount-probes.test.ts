import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../test-utils/start-test-gateway.js'
import { gatewayVersion } from '../version.js'

let gateway: TestGateway | undefined
let listeningUrl = ''

afterEach(async () => {
  await gateway?.close()
  gateway = undefined
})

async function probe(url: string, method: 'GET' | 'HEAD' = 'GET') {
  const response = await request(url, { method })
  const text = await response.body.text()
  return { status: response.statusCode, text, type: response.headers['content-type'] }
}

describe('probes', () => {
  it('answers /healthz with status and package version, repeatedly', async () => {
    gateway = await startTestGateway()
    for (let i = 0; i < 3; i++) {
      const response = await probe(`${gateway.url}/healthz`)
      expect(response.status).toBe(200)
      expect(JSON.parse(response.text)).toEqual({ status: 'ok', version: gatewayVersion })
      expect(response.type).toContain('application/json')
    }
    expect(gatewayVersion).toMatch(/^\d+\.\d+\.\d+/)
  })

  it.each([
    ['/healthz', 200],
    ['/livez', 200],
    ['/startupz', 200],
    ['/readyz', 200],
  ])('answers HEAD %s with %i and no body', async (path, status) => {
    gateway = await startTestGateway()
    const response = await probe(`${gateway.url}${path}`, 'HEAD')
    expect(response).toMatchObject({ status, text: '' })
  })

  it('answers /readyz ready and /livez ok once started', async () => {
    gateway = await startTestGateway()
    expect(JSON.parse((await probe(`${gateway.url}/readyz`)).text)).toEqual({ status: 'ready' })
    expect(JSON.parse((await probe(`${gateway.url}/livez`)).text)).toEqual({ status: 'ok' })
  })

  it('keeps /startupz and /readyz at 503 until start-up checks pass', async () => {
    const seen: Record<string, unknown>[] = []
    gateway = await startTestGateway(
      { GATEWAY_STARTUP_NETCHECK_HOSTS: 'provider.test:443' },
      {
        onListening: (url) => {
          listeningUrl = url
        },
        netcheck: {
          lookup: async () => {
            for (const path of ['/startupz', '/readyz', '/livez']) {
              const response = await probe(`${listeningUrl}${path}`)
              seen.push({ path, status: response.status, body: JSON.parse(response.text) })
            }
            return '127.0.0.1'
          },
          dial: async () => {},
        },
      },
    )
    expect(seen).toEqual([
      { path: '/startupz', status: 503, body: { status: 'starting' } },
      { path: '/readyz', status: 503, body: { status: 'starting' } },
      { path: '/livez', status: 200, body: { status: 'ok' } },
    ])
    expect(JSON.parse((await probe(`${gateway.url}/startupz`)).text)).toEqual({ status: 'started' })
  })
})
