// CPU per request of the "trace request" step (process.cpuUsage, not wall time: the host is shared),
// at OTEL_SAMPLE_RATIO 0, 0.1 and 1 with both exports, spans OTLP/JSON-encoded and dropped.
// Run: node --conditions=gw-source --import=tsx src/micro/telemetry-cpu.ts
import { createHash } from 'node:crypto'
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

// Calibration on a shared host: the CPU of what the micro table calls hashKey (SHA-256 hex of a
// key), to compare with that table's number from a quiet run.
function measureHashKey(): number {
  const key = 'lw_vk_live_01HZX3K9Q4M7T2V8W6Y5B1C0DEsecretsecretsecretsecret'
  const count = 200_000
  const before = process.cpuUsage()
  for (let i = 0; i < count; i++) createHash('sha256').update(key).digest('hex')
  const used = process.cpuUsage(before)
  return ((used.user + used.system) * 1000) / count
}
console.log(`calibration: hashKey ${measureHashKey().toFixed(0)} ns CPU`)
const off = await measure(undefined)
console.log(`tracing off: ${off.toFixed(2)} µs CPU per request`)
for (const ratio of [0, 0.1, 1]) {
  const on = await measure(ratio)
  console.log(`OTEL_SAMPLE_RATIO=${ratio} (+ customer span): ${on.toFixed(2)} µs CPU per request`)
}
