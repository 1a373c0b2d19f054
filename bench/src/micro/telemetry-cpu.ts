// CPU per request of the "trace request" step (process.cpuUsage, not wall time: the host is shared),
// at OTEL_SAMPLE_RATIO 0, 0.1 and 1 with both exports, spans OTLP/JSON-encoded and dropped.
// Run: node --conditions=gw-source --import=tsx src/micro/telemetry-cpu.ts
import { createGatewayTracing } from '@gw/gateway'
import { chatFacts, createEncodingExporter, dropEncodedExport } from './benches/telemetry.js'

const rounds = 60
const perRound = 512
const warmRounds = 20

async function measure(sampleRatio: number | undefined): Promise<number> {
  const tracing = createGatewayTracing({
    sampleRatio: sampleRatio ?? 1,
    serviceVersion: 'bench',
    createExporter: createEncodingExporter,
    sendCustomerExport: dropEncodedExport,
    ...(sampleRatio === undefined
      ? {}
      : { otlpEndpoint: 'http://127.0.0.1:4318', customerBridgeBaseUrl: 'http://127.0.0.1:5560' }),
  })
  const facts = Array.from({ length: perRound }, (_, index) => chatFacts(index))
  let cpu = 0
  for (let round = 0; round < rounds; round++) {
    const before = process.cpuUsage()
    for (const each of facts) tracing.recordRequest?.(each)
    await tracing.forceFlush()
    const used = process.cpuUsage(before)
    if (round >= warmRounds) cpu += used.user + used.system
  }
  await tracing.shutdown()
  return cpu / ((rounds - warmRounds) * perRound)
}

const off = await measure(undefined)
console.log(`tracing off: ${off.toFixed(2)} µs CPU per request`)
for (const ratio of [0, 0.1, 1]) {
  const on = await measure(ratio)
  console.log(`OTEL_SAMPLE_RATIO=${ratio} (+ customer span): ${on.toFixed(2)} µs CPU per request`)
}
