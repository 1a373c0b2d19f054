import { spawnSync } from 'node:child_process'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../test-utils/start-test-gateway.js'

let gateway: TestGateway

beforeAll(async () => {
  gateway = await startTestGateway()
})
afterAll(() => gateway.close())

async function scrape(): Promise<{ type: string | undefined; text: string }> {
  const response = await request(`${gateway.url}/metrics`)
  return { type: response.headers['content-type'] as string | undefined, text: await response.body.text() }
}

function promtoolAvailable(): boolean {
  return spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0
}

describe('/metrics', () => {
  it('exposes the gateway metrics in the Prometheus text format', async () => {
    await request(`${gateway.url}/healthz`).then((response) => response.body.dump())
    const { type, text } = await scrape()
    expect(type).toContain('text/plain')
    for (const name of [
      'gateway_http_requests_total',
      'gateway_http_request_duration_seconds_bucket',
      'gateway_in_flight_requests',
      'gateway_streaming_active',
      'gateway_draining 0',
      'lw_gateway_rps',
      'process_cpu_user_seconds_total',
    ]) {
      expect(text).toContain(name)
    }
  })

  it('labels requests by route pattern, never by raw path', async () => {
    await request(`${gateway.url}/does/not/exist/${Date.now()}`).then((response) => response.body.dump())
    await request(`${gateway.url}/test/echo`, { method: 'POST', body: '{"a":1}' }).then((r) => r.body.dump())
    const { text } = await scrape()
    expect(text).toMatch(
      /gateway_http_requests_total\{route="unmatched",method="GET",status="404",provider="",model=""\} \d+/,
    )
    expect(text).toContain(
      'gateway_http_requests_total{route="/test/echo",method="POST",status="200",provider="test",model="echo"} 1',
    )
    expect(text).not.toContain('does/not/exist')
  })

  it('counts streams in gateway_streaming_active while they are open', async () => {
    const stream = await request(`${gateway.url}/test/stream?chunks=20&interval=100`)
    expect((await scrape()).text).toContain('gateway_streaming_active 1')
    await stream.body.text()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await scrape()).text).toContain('gateway_streaming_active 0')
  })

  // Without promtool the check is reported as skipped, with the reason in its title; CI installs
  // promtool (.ci/run), so there a missing promtool fails instead.
  const promtool = promtoolAvailable()
  const inCi = (process.env.CI ?? '') !== ''
  it.skipIf(!promtool && !inCi)(
    promtool ? 'passes promtool check metrics' : 'passes promtool check metrics (promtool is not on PATH)',
    async () => {
      if (!promtool)
        throw new Error('promtool is not on PATH in CI: .ci/run should have installed prometheus')
      const { text } = await scrape()
      const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' })
      expect(result.stderr + result.stdout).toBe('')
      expect(result.status).toBe(0)
    },
  )
})
