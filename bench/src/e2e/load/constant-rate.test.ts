import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runConstantRate } from './constant-rate.js'

let server: Server
let url: string
let received = 0

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      received += 1
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{"ok":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('runConstantRate', () => {
  it('sends rate × duration requests and keeps the samples after the warm-up for pooling', async () => {
    const result = await runConstantRate({
      url,
      body: '{}',
      requestsPerSecond: 200,
      durationSeconds: 1,
      warmupSeconds: 0.5,
    })
    expect(result.sent).toBe(200)
    expect(result.completed).toBe(200)
    expect(result.errors).toBe(0)
    expect(received).toBe(200)
    // The first half second (100 requests) is warm-up: dropped from the samples and the summary.
    expect(result.serviceSamples.length).toBe(100)
    expect(result.service.count).toBe(100)
    expect(Math.max(...result.serviceSamples)).toBe(result.service.max)
    for (const sample of result.serviceSamples) expect(sample).toBeGreaterThan(0)
  })
})
