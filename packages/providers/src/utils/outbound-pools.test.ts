import { connect } from 'node:net'
import { MockAgent, request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LoopbackServer, startLoopbackServer } from '../../test-utils/loopback-server.js'
import { createOutboundPools } from './outbound-pools.js'

let upstream: LoopbackServer
let proxy: LoopbackServer
const tunnels: string[] = []

beforeAll(async () => {
  upstream = await startLoopbackServer((_request, response) => response.end('ok'))
  proxy = await startLoopbackServer((_request, response) => response.end())
  proxy.server.on('connect', (connectRequest, client, head) => {
    tunnels.push(connectRequest.url ?? '')
    const [host = '', port = ''] = (connectRequest.url ?? '').split(':')
    const target = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      target.write(head)
      target.pipe(client)
      client.pipe(target)
    })
    target.on('error', () => client.destroy())
    client.on('error', () => target.destroy())
  })
})
afterAll(async () => {
  await proxy.close()
  await upstream.close()
})

describe('createOutboundPools', () => {
  it('keeps one pool per origin and applies default timeouts', async () => {
    const pools = createOutboundPools()
    expect(pools.get(upstream.url)).toBe(pools.get(upstream.url))
    expect(pools.get(upstream.url)).not.toBe(pools.get('http://127.0.0.2:9'))
    expect(pools.timeouts).toEqual({ connectMs: 10_000, headersMs: 60_000, bodyMs: 300_000 })
    const response = await request(`${upstream.url}/x`, { dispatcher: pools.get(upstream.url) })
    expect(await response.body.text()).toBe('ok')
    await pools.close()
  })

  it('sends every request through proxyUrl', async () => {
    const pools = createOutboundPools({ proxyUrl: proxy.url })
    const response = await request(`${upstream.url}/via-proxy`, { dispatcher: pools.get(upstream.url) })
    expect(await response.body.text()).toBe('ok')
    expect(tunnels).toEqual([upstream.url.replace('http://', '')])
    await pools.close()
  })

  it('uses an injected dispatcher for every origin and leaves it open', async () => {
    const agent = new MockAgent()
    agent.disableNetConnect()
    agent.get('https://api.openai.com').intercept({ path: '/v1/models' }).reply(200, 'models')
    const pools = createOutboundPools({ dispatcher: agent })
    expect(pools.get('https://api.openai.com')).toBe(agent)
    await pools.close()
    const response = await request('https://api.openai.com/v1/models', { dispatcher: pools.get('x') })
    expect(await response.body.text()).toBe('models')
    await agent.close()
  })
})
