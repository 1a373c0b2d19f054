// Route dispatch through the gateway's Hono app without network (`app.request`), per request.
import { importExports } from '../../shared/optional-module.js'
import { type PreparedBenchmark, registerMicro, type SkippedBenchmark, skip } from '../registry.js'

interface AppLike {
  request(path: string): Response | Promise<Response>
}

async function buildApp(): Promise<AppLike | SkippedBenchmark> {
  const gateway = await importExports('@gw/gateway', [
    'createGatewayApp',
    'loadGatewayConfig',
    'createLogger',
  ])
  if (!gateway.ok) return skip(gateway.reason)
  const otel = await importExports('@gw/otel', ['createGatewayMetrics'])
  if (!otel.ok) return skip(otel.reason)
  const loadGatewayConfig = gateway.exports.loadGatewayConfig as (env: Record<string, string>) => {
    config: unknown
  }
  const createLogger = gateway.exports.createLogger as (options: { level: string }) => unknown
  const createGatewayApp = gateway.exports.createGatewayApp as (dependencies: object) => AppLike
  const createGatewayMetrics = otel.exports.createGatewayMetrics as () => unknown
  return createGatewayApp({
    config: loadGatewayConfig({ ENVIRONMENT: 'local' }).config,
    logger: createLogger({ level: 'silent' }),
    metrics: createGatewayMetrics(),
    // The probes read these two flags only.
    lifecycle: { started: true, draining: false },
  })
}

async function prepare(path: string): Promise<PreparedBenchmark | SkippedBenchmark> {
  const app = await buildApp()
  if ('skipped' in app) return app
  const response = await app.request(path)
  if (response.status !== 200) return skip(`${path} answered ${response.status}`)
  return {
    operation: async () => {
      const answer = await app.request(path)
      await answer.arrayBuffer()
    },
  }
}

registerMicro({
  name: 'Hono dispatch GET /healthz',
  description: 'app.request → probe handler → body read (no socket)',
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
