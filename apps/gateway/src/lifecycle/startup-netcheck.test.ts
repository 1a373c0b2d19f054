import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway } from '../test-utils/start-test-gateway.js'
import { runStartupNetcheck, StartupNetcheckError } from './startup-netcheck.js'

let listening: Server
let openPort = 0
let closedPort = 0

beforeAll(async () => {
  listening = createServer((socket) => socket.destroy())
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve))
  openPort = (listening.address() as { port: number }).port
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  closedPort = (probe.address() as { port: number }).port
  await new Promise((resolve) => probe.close(resolve))
})
afterAll(() => new Promise((resolve) => listening.close(resolve)))

async function failuresOf(options: Parameters<typeof runStartupNetcheck>[0]): Promise<string[]> {
  try {
    await runStartupNetcheck(options)
  } catch (error) {
    if (error instanceof StartupNetcheckError) return error.failures
    throw error
  }
  return []
}

describe('runStartupNetcheck', () => {
  it('passes when every host resolves and accepts a TCP connection', async () => {
    await expect(
      runStartupNetcheck({ hosts: [`localhost:${openPort}`], timeoutMs: 2_000 }),
    ).resolves.toBeUndefined()
  })

  it('names a DNS failure "dns resolution failed"', async () => {
    const failures = await failuresOf({
      hosts: ['api.provider.test:443'],
      timeoutMs: 1_000,
      lookup: async (host) => {
        throw new Error(`getaddrinfo ENOTFOUND ${host}`)
      },
    })
    expect(failures).toEqual([
      'dns resolution failed: api.provider.test:443: getaddrinfo ENOTFOUND api.provider.test',
    ])
  })

  it('names a refused connection "tcp dial failed" after DNS worked', async () => {
    const failures = await failuresOf({ hosts: [`127.0.0.1:${closedPort}`], timeoutMs: 2_000 })
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatch(
      new RegExp(`^tcp dial failed: 127\\.0\\.0\\.1:${closedPort} \\(127\\.0\\.0\\.1\\): .*ECONNREFUSED`),
    )
  })

  it('times out a lookup that never answers', async () => {
    const failures = await failuresOf({
      hosts: ['slow.test:443'],
      timeoutMs: 100,
      lookup: () => new Promise(() => {}),
    })
    expect(failures).toEqual(['dns resolution failed: slow.test:443: timed out after 100ms'])
  })

  it('reports every failing host in one error', async () => {
    const failures = await failuresOf({
      hosts: ['a.test:443', `127.0.0.1:${openPort}`, 'b.test:443'],
      timeoutMs: 1_000,
      lookup: async (host) => {
        if (host === '127.0.0.1') return host
        throw new Error('ENOTFOUND')
      },
    })
    expect(failures.map((failure) => failure.split(':')[0])).toEqual([
      'dns resolution failed',
      'dns resolution failed',
    ])
  })
})

describe('startGateway with a failing netcheck', () => {
  it('refuses to start and releases its port', async () => {
    let url = ''
    const starting = startTestGateway(
      { GATEWAY_STARTUP_NETCHECK_HOSTS: `127.0.0.1:${closedPort}` },
      { onListening: (bound) => (url = bound) },
    )
    await expect(starting).rejects.toThrow(/tcp dial failed/)
    await expect(fetch(`${url}/healthz`)).rejects.toThrow()
  })
})
