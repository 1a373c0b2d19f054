import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { type DirectRoute, type DirectRoutes, directRouteFor } from './direct-routes.js'

const route: DirectRoute = { shape: 'openai', handle: async () => {} }
const routes: DirectRoutes = new Map([['/v1/chat/completions', route]])

function incoming(method: string, url: string, host?: string): IncomingMessage {
  return { method, url, headers: host === undefined ? {} : { host } } as unknown as IncomingMessage
}

describe('directRouteFor', () => {
  it('finds an exact-path POST with a plain Host', () => {
    for (const host of ['127.0.0.1:5563', 'gateway.example.com', 'localhost', '[::1]:5563']) {
      expect(directRouteFor(routes, incoming('POST', '/v1/chat/completions', host))).toBe(route)
    }
  })

  it('leaves everything else to Hono', () => {
    const cases = [
      incoming('GET', '/v1/chat/completions', 'localhost'),
      incoming('POST', '/v1/chat/completions?x=1', 'localhost'),
      incoming('POST', '/v1/chat/completions/', 'localhost'),
      incoming('POST', '/v1/chat/completions'),
      incoming('POST', '/v1/chat/completions', 'user@evil.example'),
      incoming('POST', '/v1/chat/completions', 'a b'),
      incoming('POST', '/v1/chat/completions', 'host/path'),
    ]
    for (const request of cases) expect(directRouteFor(routes, request)).toBeUndefined()
    expect(directRouteFor(new Map(), incoming('POST', '/v1/chat/completions', 'localhost'))).toBeUndefined()
  })
})
