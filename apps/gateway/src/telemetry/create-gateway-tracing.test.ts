import { spawn } from 'node:child_process'
import type { RequestTraceFacts } from '@gw/otel'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  otelCollectorMissing,
  startOtelCollector,
  type TestOtelCollector,
} from '../test-utils/start-otel-collector.js'
import { createGatewayTracing } from './create-gateway-tracing.js'

const skipReason = otelCollectorMissing ?? ''

function facts(requestId: string, overrides: Partial<RequestTraceFacts> = {}): RequestTraceFacts {
  const now = Date.now()
  return {
    route: '/v1/chat/completions',
    operation: 'chat',
    requestId,
    startTimeMs: now - 20,
    endTimeMs: now,
    status: 200,
    key: { virtualKeyId: 'vk_1', projectId: 'proj_1' },
    system: 'openai',
    requestModel: 'gpt-4o-mini',
    usage: { inputTokens: 3, outputTokens: 4 },
    customer: { projectOtlpToken: 'tok_a', inputMessages: '[{"role":"user","content":"hi"}]' },
    ...overrides,
  }
}

describe.skipIf(otelCollectorMissing !== undefined)(
  `createGatewayTracing with a real collector ${skipReason}`,
  () => {
    let collector: TestOtelCollector

    beforeAll(async () => {
      collector = await startOtelCollector(['operator', 'bridge'], {
        tracesPaths: { bridge: '/api/otel/v1/traces' },
      })
    })
    afterAll(async () => {
      await collector?.stop()
    })

    it('exports operator spans to OTEL_OTLP_ENDPOINT and customer spans to the bridge path', async () => {
      const tracing = createGatewayTracing({
        otlpEndpoint: collector.endpoint('operator'),
        otlpHeaders: { authorization: 'Bearer operator-secret' },
        sampleRatio: 1,
        customerBridgeBaseUrl: collector.endpoint('bridge'),
        serviceVersion: 'test',
        scheduledDelayMs: 50,
      })
      tracing.recordRequest?.(facts('req-export-1'))
      await tracing.shutdown()
      const operator = await collector.waitForSpans('operator', (spans) =>
        spans.some((span) => span.attributes['langwatch.gateway_request_id'] === 'req-export-1'),
      )
      const span = operator.find((s) => s.attributes['langwatch.gateway_request_id'] === 'req-export-1')
      expect(span).toMatchObject({
        name: 'lw_gateway.chat.completions',
        attributes: expect.objectContaining({ 'gen_ai.system': 'openai', 'gen_ai.usage.output_tokens': 4 }),
        resource: expect.objectContaining({ 'service.name': 'lw-gateway' }),
      })
      expect(JSON.stringify(span?.attributes)).not.toContain('"hi"')
      const customer = await collector.waitForSpans('bridge', (spans) =>
        spans.some((s) => s.attributes['langwatch.gateway_request_id'] === 'req-export-1'),
      )
      expect(customer.find((s) => s.name === 'gen_ai.chat')?.attributes['gen_ai.input.messages']).toContain(
        'hi',
      )
    })

    it('sends no operator span at sample ratio 0, and still sends the customer span', async () => {
      const tracing = createGatewayTracing({
        otlpEndpoint: collector.endpoint('operator'),
        sampleRatio: 0,
        customerBridgeBaseUrl: collector.endpoint('bridge'),
        serviceVersion: 'test',
        scheduledDelayMs: 50,
      })
      for (let i = 0; i < 20; i++) tracing.recordRequest?.(facts(`req-unsampled-${i}`))
      await tracing.shutdown()
      await collector.waitForSpans(
        'bridge',
        (spans) =>
          spans.filter((s) =>
            String(s.attributes['langwatch.gateway_request_id']).startsWith('req-unsampled-'),
          ).length === 20,
      )
      const operator = await collector.readSpans('operator')
      expect(
        operator.filter((s) =>
          String(s.attributes['langwatch.gateway_request_id']).startsWith('req-unsampled-'),
        ),
      ).toEqual([])
    })

    it('keeps requests fast and counts drops when the operator collector is dead', async () => {
      const dropped: string[] = []
      const tracing = createGatewayTracing({
        // Nothing listens on port 9 (discard) on loopback here: every export fails.
        otlpEndpoint: 'http://127.0.0.1:9',
        sampleRatio: 1,
        serviceVersion: 'test',
        scheduledDelayMs: 10,
        exportTimeoutMs: 300,
        onDrop: (count, destination) => dropped.push(`${destination}:${count}`),
      })
      const started = performance.now()
      for (let i = 0; i < 200; i++) tracing.recordRequest?.(facts(`req-dead-${i}`, { customer: undefined }))
      const perRequestMs = (performance.now() - started) / 200
      for (let waited = 0; dropped.length === 0 && waited < 5_000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50))
      const shutdownStarted = performance.now()
      await tracing.shutdown(1_000)
      expect(performance.now() - shutdownStarted).toBeLessThan(5_000)
      // An export waiting on the dead collector would cost its 300 ms timeout; recording never waits for it.
      expect(perRequestMs).toBeLessThan(30)
      expect(dropped.length).toBeGreaterThan(0)
      expect(dropped.every((entry) => entry.startsWith('operator:'))).toBe(true)
    })

    it('records nothing and needs no exporter when neither destination is configured', () => {
      const tracing = createGatewayTracing({ sampleRatio: 1, serviceVersion: 'test' })
      expect(tracing.recordRequest).toBeUndefined()
      expect(tracing.operatorSpans).toBe(false)
    })

    it('says whether operator spans are exported: only with an OTLP endpoint', async () => {
      const bridgeOnly = createGatewayTracing({
        sampleRatio: 1,
        serviceVersion: 'test',
        customerBridgeBaseUrl: 'http://127.0.0.1:9',
      })
      const both = createGatewayTracing({
        sampleRatio: 1,
        serviceVersion: 'test',
        customerBridgeBaseUrl: 'http://127.0.0.1:9',
        otlpEndpoint: 'http://127.0.0.1:9',
      })
      expect([bridgeOnly.recordRequest === undefined, bridgeOnly.operatorSpans]).toEqual([false, false])
      expect([both.recordRequest === undefined, both.operatorSpans]).toEqual([false, true])
      await Promise.all([bridgeOnly.shutdown(100), both.shutdown(100)])
    })
  },
)

// Which OpenTelemetry SDK packages a fresh process has loaded after creating the tracing.
async function sdkPackagesLoaded(options: string): Promise<string[]> {
  const moduleUrl = new URL('./create-gateway-tracing.ts', import.meta.url).href
  const script = `import { createRequire } from 'node:module'
const { createGatewayTracing } = await import(${JSON.stringify(moduleUrl)})
const tracing = createGatewayTracing(${options})
const loaded = Object.keys(createRequire(import.meta.url).cache)
console.log(JSON.stringify(['sdk-trace-base', 'resources', 'exporter-trace-otlp-http', 'core'].filter((name) => loaded.some((path) => path.includes('/@opentelemetry/' + name + '/')))))
await tracing.shutdown(100)`
  const child = spawn(
    process.execPath,
    ['--conditions=gw-source', '--import', 'tsx', '--input-type=module', '-e', script],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  await new Promise((resolve) => child.on('close', resolve))
  return JSON.parse(out.trim()) as string[]
}

describe('createGatewayTracing: what it loads', () => {
  it('loads the trace SDK and the OTLP exporter only when operator spans are exported', async () => {
    const base = "{ sampleRatio: 0.1, serviceVersion: 't', customerBridgeBaseUrl: 'http://127.0.0.1:9' }"
    expect(await sdkPackagesLoaded(base)).toEqual([])
    const traced = "{ sampleRatio: 0.1, serviceVersion: 't', otlpEndpoint: 'http://127.0.0.1:9' }"
    expect(await sdkPackagesLoaded(traced)).toEqual([
      'sdk-trace-base',
      'resources',
      'exporter-trace-otlp-http',
      'core',
    ])
  }, 30_000)
})
