// The load shedder alone: which paths count, the 503 it writes, the warning interval, the metric.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createGatewayMetrics } from '@gw/otel'
import { describe, expect, it } from 'vitest'
import { captureLogs } from '../test-utils/capture-logs.js'
import { createLoadShedder, isCappedPath } from './load-shedder.js'

function fakeExchange(url: string) {
  const written: { status?: number; body?: string } = {}
  const incoming = { url, headers: {} } as unknown as IncomingMessage
  const outgoing = {
    headersSent: false,
    getHeader: () => undefined,
    writeHead(status: number) {
      written.status = status
    },
    end(body: string) {
      written.body = body
    },
  } as unknown as ServerResponse
  return { incoming, outgoing, written }
}

describe('isCappedPath', () => {
  it('caps /v1 paths, absolute form included, and nothing else', () => {
    expect(isCappedPath('/v1/chat/completions?x=1')).toBe(true)
    expect(isCappedPath('http://gw.local/v1/messages')).toBe(true)
    for (const path of ['/healthz', '/readyz', '/metrics', '/v1', '/v10/x', 'not a url'])
      expect(isCappedPath(path)).toBe(false)
  })
})

describe('createLoadShedder', () => {
  it('sheds past the cap, admits again after a release, and warns once per interval', async () => {
    let now = 0
    const logs = captureLogs()
    const metrics = createGatewayMetrics({ collectProcessMetrics: false })
    const shedder = createLoadShedder({ maxInFlight: 1, metrics, logger: logs.logger, now: () => now })
    const exchange = (url: string) => {
      const { incoming, outgoing, written } = fakeExchange(url)
      return { admission: shedder.admit(incoming, outgoing), written }
    }
    expect(exchange('/v1/chat/completions').admission).toBe('admitted')
    expect(exchange('/healthz').admission).toBe('exempt')
    const shed = exchange('/v1/messages')
    expect(shed.admission).toBe('shed')
    expect(shed.written.status).toBe(503)
    expect(JSON.parse(shed.written.body ?? '{}')).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error' },
    })
    exchange('/v1/chat/completions')
    expect(logs.find('requests_shed')).toHaveLength(1)
    now += 10_000
    exchange('/v1/chat/completions')
    expect(logs.find('requests_shed').map((line) => line.shed)).toEqual([1, 2])
    expect(await metrics.scrape()).toContain('gateway_requests_shed_total{reason="in_flight_cap"} 3')
    shedder.release()
    expect(exchange('/v1/chat/completions').admission).toBe('admitted')
  })

  it('counts nothing when the cap is 0', () => {
    const metrics = createGatewayMetrics({ collectProcessMetrics: false })
    const shedder = createLoadShedder({ maxInFlight: 0, metrics, logger: captureLogs().logger })
    const { incoming, outgoing } = fakeExchange('/v1/chat/completions')
    expect(shedder.admit(incoming, outgoing)).toBe('exempt')
    expect(shedder.inFlight).toBe(0)
  })
})
