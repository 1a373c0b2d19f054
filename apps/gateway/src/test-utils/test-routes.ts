// Test-only routes mounted through the `routes` extension point (never shipped in dist/).
import { GatewayError, parseJsonObject } from '@gw/contract'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { readRequestBody } from '../http/body.js'
import { writeGatewayError } from '../http/error-response.js'
import { getRequestContext } from '../http/request-context.js'
import type { GatewayRoutes } from '../server/create-gateway-app.js'

/**
 * - `GET /test/stream?chunks=N&interval=MS`: writes `data: i\n\n` N times (0 = forever) to the
 *   raw response, then `data: [DONE]\n\n`; marks the request as streaming.
 * - `POST /test/echo`: reads the body (cap from config), parses JSON, answers `{ received }`.
 * - `POST /test/raw`: answers through `c.env.outgoing` + RESPONSE_ALREADY_SENT.
 * - `POST /test/raw-error`: a GatewayError written with `writeGatewayError`.
 * - `GET /test/gateway-error`, `GET /test/crash`: throw a GatewayError / a plain Error.
 * - `POST /v1/messages`: throws a GatewayError, to see the Anthropic error shape.
 * - `POST /test/direct` and `POST /test/direct-crash`: direct routes (served by the listener
 *   without Hono: 200 `direct` / a plain Error); Hono serves the same paths otherwise, with 203
 *   `hono` / 203 `hono-crash`, so a test can tell which one answered.
 */
export const testRoutes: GatewayRoutes = (app, { config, directRoutes }) => {
  directRoutes.set('/test/direct', {
    shape: 'openai',
    async handle(_incoming, outgoing, context) {
      context.keyPrefix = 'direct'
      outgoing.writeHead(200, ['content-type', 'text/plain'])
      outgoing.end('direct')
    },
  })
  directRoutes.set('/test/direct-crash', {
    shape: 'anthropic',
    async handle() {
      throw new Error('direct route crashed')
    },
  })
  app.post('/test/direct', (c) => c.text('hono', 203))
  app.post('/test/direct-crash', (c) => c.text('hono-crash', 203))
  app.get('/test/stream', (c) => {
    const chunks = Number(c.req.query('chunks') ?? '10')
    const interval = Number(c.req.query('interval') ?? '100')
    const outgoing = c.env.outgoing
    getRequestContext(c).markStreaming()
    outgoing.writeHead(200, { 'content-type': 'text/event-stream' })
    let sent = 0
    const timer = setInterval(() => {
      if (chunks > 0 && sent === chunks) {
        clearInterval(timer)
        outgoing.end('data: [DONE]\n\n')
        return
      }
      outgoing.write(`data: ${sent++}\n\n`)
    }, interval)
    outgoing.once('close', () => clearInterval(timer))
    return RESPONSE_ALREADY_SENT
  })
  app.post('/test/echo', async (c) => {
    const body = await readRequestBody(c.env.incoming, { maxBytes: config.server.maxRequestBodyBytes })
    const context = getRequestContext(c)
    context.provider = 'test'
    context.model = 'echo'
    return c.json({ received: parseJsonObject(body), bytes: body.length })
  })
  app.post('/test/raw', (c) => {
    c.env.outgoing.writeHead(201, { 'content-type': 'text/plain', 'x-test': 'raw' })
    c.env.outgoing.end('raw')
    return RESPONSE_ALREADY_SENT
  })
  app.post('/test/raw-error', (c) => {
    writeGatewayError(c.env.outgoing, new GatewayError('provider_timeout', 'Upstream timed out'), 'openai')
    return RESPONSE_ALREADY_SENT
  })
  app.get('/test/gateway-error', () => {
    throw new GatewayError('rate_limited', 'Slow down', { retryAfter: 7, meta: { limit: 'rpm' } })
  })
  app.get('/test/crash', () => {
    throw new Error('database password is hunter2')
  })
  app.post('/v1/messages', () => {
    throw new GatewayError('invalid_api_key', 'Invalid API key')
  })
}
