import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { GatewayEnv } from './gateway-env.js'
import { createRouteTable } from './route-table.js'

function createApp(): Hono<GatewayEnv> {
  const app = new Hono<GatewayEnv>()
  app.use(async (_c, next) => next())
  app.get('/v1/models', (c) => c.text('list'))
  app.get('/v1/models/:id', (c) => c.text('one'))
  app.post('/v1/chat/completions', (c) => c.text('chat'))
  app.delete('/v1/models/:id', (c) => c.text('gone'))
  return app
}

describe('createRouteTable', () => {
  it('names the registered pattern, not the raw path', () => {
    const table = createRouteTable(createApp())
    expect(table.routeOf('GET', '/v1/models/gpt-4o')).toBe('/v1/models/:id')
    expect(table.routeOf('HEAD', '/v1/models')).toBe('/v1/models')
    expect(table.routeOf('POST', '/v1/chat/completions')).toBe('/v1/chat/completions')
  })

  it('names unmatched requests "unmatched", even when middleware matched', () => {
    const table = createRouteTable(createApp())
    expect(table.routeOf('GET', '/v1/unknown')).toBe('unmatched')
    expect(table.routeOf('PUT', '/v1/models')).toBe('unmatched')
  })

  it('lists the methods a path accepts, HEAD with GET', () => {
    const table = createRouteTable(createApp())
    expect(table.allowedMethods('/v1/models/x')).toEqual(['GET', 'HEAD', 'DELETE'])
    expect(table.allowedMethods('/v1/chat/completions')).toEqual(['POST'])
    expect(table.allowedMethods('/v2')).toEqual([])
  })
})
