// Per-request cost of the "trace request" step: spans off, and on at OTEL_SAMPLE_RATIO 0, 0.1 and 1.

import { createGatewayTracing } from '@gw/gateway'
import type { RequestTraceFacts } from '@gw/otel'
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer'
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base'
import { registerMicro } from '../registry.js'

// The operator exporter does the OTLP/JSON encoding a real export does, then drops the bytes (the
// customer path encodes before `sendCustomerExport`): the CPU the gateway spends on spans, minus
// the loopback HTTP write (not measured here).
export function createEncodingExporter(): SpanExporter {
  return {
    export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]) {
      JsonTraceSerializer.serializeRequest(spans)
      done({ code: 0 })
    },
    shutdown: async () => {},
  }
}

/** The customer exports arrive here already encoded (JSON text); they are dropped. */
export async function dropEncodedExport(): Promise<boolean> {
  return true
}

export function chatFacts(index: number): RequestTraceFacts {
  const now = Date.now()
  return {
    route: '/v1/chat/completions',
    operation: 'chat',
    requestId: `req_${index}`,
    startTimeMs: now - 120,
    endTimeMs: now,
    status: 200,
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    key: { virtualKeyId: 'vk_01', projectId: 'proj_01', orgId: 'org_01', principalId: 'user_01' },
    requestedModel: 'gpt-4o-mini',
    requestModel: 'gpt-4o-mini',
    responseModel: 'gpt-4o-mini',
    system: 'openai',
    providerId: 'mp_01',
    maxTokens: 256,
    temperature: 0.2,
    usage: {
      inputTokens: 42,
      outputTokens: 17,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      reasoningTokens: 0,
    },
    costMicroUsd: 120,
    attempts: [{ providerId: 'mp_01', model: 'gpt-4o-mini', status: 200, outcome: 'ok' }],
    customer: { projectOtlpToken: 'otlp-token-bench', labels: ['bench'] },
  }
}

function registerTelemetryBench(name: string, description: string, sampleRatio: number | undefined): void {
  registerMicro({
    name,
    description,
    async setup() {
      const tracing = createGatewayTracing({
        sampleRatio: sampleRatio ?? 1,
        serviceVersion: 'bench',
        createExporter: createEncodingExporter,
        sendCustomerExport: dropEncodedExport,
        ...(sampleRatio === undefined
          ? {}
          : { otlpEndpoint: 'http://127.0.0.1:4318', customerBridgeBaseUrl: 'http://127.0.0.1:5560' }),
      })
      const record = tracing.recordRequest
      const facts = Array.from({ length: 256 }, (_, index) => chatFacts(index))
      let count = 0
      return {
        // Always async (mitata then awaits every call, never overlapping flushes); every 256th
        // request also waits for the batch to be encoded, so export CPU is counted.
        operation: async () => {
          count += 1
          record?.(facts[count & 255]!)
          if ((count & 255) === 0) await tracing.forceFlush()
        },
        teardown: () => tracing.shutdown(),
        note:
          sampleRatio === undefined
            ? 'no tracer built'
            : 'spans built, batched and OTLP/JSON-encoded, not sent; a flush awaited every 256 requests',
      }
    },
  })
}

registerTelemetryBench(
  'telemetry: tracing off',
  'Trace step with no destination configured (early return)',
  undefined,
)
registerTelemetryBench('telemetry: ratio 0', 'Operator span sampled out + customer span (always sampled)', 0)
registerTelemetryBench('telemetry: ratio 0.1', 'Operator span at OTEL_SAMPLE_RATIO=0.1 + customer span', 0.1)
registerTelemetryBench('telemetry: ratio 1', 'Operator span and customer span, both exported', 1)
