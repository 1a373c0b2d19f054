// Route dispatch through the gateway's Hono app without network (`app.request`), per request.
import { createGatewayApp, createLogger, loadGatewayConfig } from '@gw/gateway'
import { createGatewayMetrics } from '@gw/otel'
import { type PreparedBenchmark, registerMicro, type SkippedBenchmark, skip } from '../registry.js'

function buildApp() {
  return createGatewayApp({
    config: loadGatewayConfig({ ENVIRONMENT: 'local' }).config,
    logger: createLogger({ level: 'silent' }),
    metrics: createGatewayMetrics(),
    // The probes read these two flags only.
    lifecycle: { started: true, draining: false },
  })
}

async function prepare(path: string): Promise<PreparedBenchmark | SkippedBenchmark> {
  const app = buildApp()
  const response = await app.request(path)
  if (response.status !== 200) return skip(`${path} answered ${response.status}`)
  // The body is not read: reading a WHATWG body times Node's web streams (and the collection of
  // what they register), not the gateway, and it moved the gate's ratio 2–3× with the host.
  return { operation: () => app.request(path) }
}

registerMicro({
  name: 'Hono dispatch GET /healthz',
  description: 'app.request → probe handler → Response (no socket; body not read)',
  setup: () => prepare('/healthz'),
})

registerMicro({
  name: 'Hono dispatch POST /v1/chat/completions',
  description: 'Proxied route through app.request with an in-memory upstream',
  async setup() {
    return skip(
      'not feasible without a socket: proxied routes write to the Node ServerResponse (c.env.outgoing), which app.request cannot supply; measured end to end instead',
    )
  },
})
