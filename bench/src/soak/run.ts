// The hardening soak (issue 13): a quiet run of valid traffic at a fixed rate, then the same valid
// traffic mixed with fixed-rate floods of unknown keys and compressed junk; gateway RSS (sampled
// from /proc), gateway and control-plane CPU, latencies and answer counts into BENCHMARKS.md.
import { parseArgs } from 'node:util'
import { startControlPlaneStack, startGatewayTarget } from '../e2e/gateway-stack.js'
import { readRssBytes } from '../e2e/proc-stats.js'
import { detectPinning, installCleanup, killAllChildren, pinSelf } from '../e2e/processes.js'
import { chooseGatewayMode } from '../e2e/stack/choose-gateway-mode.js'
import { startUpstream } from '../e2e/upstream.js'
import { writeBenchmarkSection } from '../shared/bench-document.js'
import { describeMachine, renderMachine } from '../shared/machine.js'
import { startAttackThread } from './attack-worker.js'
import { type HeapReading, lookupSample, readGatewayHeap, readGatewayMetric } from './gateway-metric.js'
import { sampleProcess } from './proc-sampler.js'
import { renderSoakSection, type SoakPhase } from './render-soak.js'
import { mergeTallies, type PhaseTally, runOpenLoop } from './soak-load.js'
import { createSoakTraffic, type SoakRates } from './soak-traffic.js'

const { values } = parseArgs({
  options: {
    quiet: { type: 'string', default: '20' },
    soak: { type: 'string', default: '95' },
    valid: { type: 'string', default: '200' },
    unknown: { type: 'string', default: '1000' },
    junk: { type: 'string', default: '100' },
    'keyed-junk': { type: 'string', default: '4' },
    attackers: { type: 'string', default: '16' },
    gateway: { type: 'string', default: 'auto' },
    'no-write': { type: 'boolean' },
  },
})
const quietMs = Number(values.quiet) * 1000
const soakMs = Number(values.soak) * 1000
// Quiet + soak is the bounded part: at most two minutes of load.
if (quietMs + soakMs > 120_000) throw new Error('--quiet + --soak must stay within 120 s')
const rates: SoakRates = {
  valid: Number(values.valid),
  unknownKeys: Number(values.unknown),
  junk: Number(values.junk),
  keyedJunk: Number(values['keyed-junk']),
}
const attackerAddresses = Number(values.attackers)
const log = (line: string) => process.stderr.write(`[soak] ${line}\n`)
const startedAt = new Date()
const machine = describeMachine()
installCleanup()

const pinning = detectPinning()
pinSelf(pinning, 0)
const choice = chooseGatewayMode(values.gateway)
log(`gateway ${choice.note}`)
const upstream = await startUpstream('auto', pinning, 0)
const options = {
  upstreamUrl: upstream.url,
  pinning,
  loadCore: 0,
  systemCore: 1,
  logLevel: 'warn',
  mode: choice.mode,
  measureBuiltStartup: false,
  log,
}
const stack = await startControlPlaneStack(options)
if (!stack.ok) throw new Error(stack.reason)
const gateway = await startGatewayTarget(stack.value, options)
if (!gateway.ok) throw new Error(gateway.reason)
const { url, pid } = gateway.value.target
const cpPid = stack.value.controlPlane.handle.pid
const trafficOptions = { origin: new URL(url).origin, key: stack.value.key, rates, attackerAddresses }
// Valid traffic is sent and timed on this thread; the floods come from a worker thread.
const traffic = createSoakTraffic(trafficOptions)
const attack = await startAttackThread(trafficOptions)

/** Runs one phase while sampling the gateway (RSS every 250 ms, CPU), the control plane, the upstream and this process. */
async function measured(load: () => Promise<PhaseTally>, durationMs: number): Promise<SoakPhase> {
  const origin = new URL(url).origin
  const lookupsBefore = await readGatewayMetric(origin, lookupSample)
  const samplers = {
    gateway: sampleProcess(pid, 250),
    controlPlane: sampleProcess(cpPid, 1_000),
    upstream: sampleProcess(upstream.handle.pid, 1_000),
    generator: sampleProcess(process.pid, 1_000),
  }
  // The heap every 2 s: the reading with the largest V8 heap is kept (is the RSS the heap or native memory?).
  let heapPeak: HeapReading = await readGatewayHeap(origin)
  const heapTimer = setInterval(() => {
    readGatewayHeap(origin)
      .then((reading) => {
        if (reading.heapTotal > heapPeak.heapTotal) heapPeak = reading
      })
      .catch(() => undefined)
  }, 2_000)
  const tally = await load()
  clearInterval(heapTimer)
  const gateway = samplers.gateway.stop()
  const controlPlane = samplers.controlPlane.stop()
  const upstreamSample = samplers.upstream.stop()
  const generator = samplers.generator.stop()
  return {
    tally,
    gateway,
    controlPlane,
    loadCoreCpuShare: controlPlane.cpuShare + upstreamSample.cpuShare + generator.cpuShare,
    generatorRunQueueShare: generator.runQueueShare,
    heapPeak,
    controlPlaneLookups: (await readGatewayMetric(origin, lookupSample)) - lookupsBefore,
    durationMs,
  }
}

try {
  log('warm-up: 5 s of valid traffic')
  await runOpenLoop(traffic.quiet, 5_000)
  log(`quiet run: ${quietMs / 1000} s of valid traffic at ${rates.valid}/s`)
  const quiet = await measured(() => runOpenLoop(traffic.quiet, quietMs), quietMs)
  log(`soak: ${soakMs / 1000} s of valid traffic, unknown keys and compressed junk`)
  const soak = await measured(async () => {
    const [valid, flood] = await Promise.all([runOpenLoop(traffic.quiet, soakMs), attack.run(soakMs)])
    return mergeTallies(valid, flood)
  }, soakMs)
  log('recovery: 10 s without traffic')
  await new Promise((resolve) => setTimeout(resolve, 10_000))
  const recovery = { rss: readRssBytes(pid), heap: await readGatewayHeap(new URL(url).origin) }
  const body = renderSoakSection({
    machine: renderMachine(machine, 'pnpm --filter @gw/bench bench:soak', startedAt),
    gatewayMode: choice.note,
    pinned: pinning.enabled ? undefined : (pinning.reason ?? 'off'),
    rates,
    attackerAddresses,
    quiet,
    soak,
    recovery,
  })
  process.stdout.write(`${body}\n`)
  if (values['no-write'] !== true) log(`wrote ${writeBenchmarkSection('soak', body)}`)
} finally {
  await traffic.close()
  await attack.close()
  await gateway.value.stop()
  await stack.value.stop()
  await upstream.handle.stop()
  killAllChildren()
}
