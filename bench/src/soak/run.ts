// The hardening soak (issue 13): a quiet run of valid traffic, then two minutes of valid traffic
// mixed with unknown keys and compressed junk; gateway RSS and control-plane CPU into BENCHMARKS.md.
import { parseArgs } from 'node:util'
import { startControlPlaneStack, startGatewayTarget } from '../e2e/gateway-stack.js'
import { readCpuMicros, readRssBytes } from '../e2e/proc-stats.js'
import { detectPinning, installCleanup, killAllChildren, pinSelf } from '../e2e/processes.js'
import { findGatewayEntry } from '../e2e/stack/gateway-entry.js'
import { startUpstream } from '../e2e/upstream.js'
import { writeBenchmarkSection } from '../shared/bench-document.js'
import { describeMachine, renderMachine } from '../shared/machine.js'
import { renderSoakSection } from './render-soak.js'
import { type PhaseTally, runPhase } from './soak-load.js'

const { values } = parseArgs({
  options: { quiet: { type: 'string' }, soak: { type: 'string' }, 'no-write': { type: 'boolean' } },
})
const quietMs = Number(values.quiet ?? 20) * 1000
const soakMs = Number(values.soak ?? 120) * 1000
const log = (line: string) => process.stderr.write(`[soak] ${line}\n`)
const startedAt = new Date()
installCleanup()

const pinning = detectPinning()
pinSelf(pinning, 0)
const upstream = await startUpstream('auto', pinning, 0)
const options = {
  upstreamUrl: upstream.url,
  pinning,
  loadCore: 0,
  systemCore: 1,
  logLevel: 'warn',
  mode: findGatewayEntry('built') === undefined ? ('source' as const) : ('built' as const),
  measureBuiltStartup: false,
  log,
}
const stack = await startControlPlaneStack(options)
if (!stack.ok) throw new Error(stack.reason)
const gateway = await startGatewayTarget(stack.value, options)
if (!gateway.ok) throw new Error(gateway.reason)
const { url, pid } = gateway.value.target
const cpPid = stack.value.controlPlane.handle.pid
const key = stack.value.key

/** Runs one phase while sampling the gateway's RSS every second and the control plane's CPU. */
async function measured(mix: Parameters<typeof runPhase>[2], durationMs: number) {
  const rss: number[] = []
  const sampler = setInterval(() => rss.push(readRssBytes(pid)), 1_000)
  const cpuBefore = readCpuMicros(cpPid)
  const wallBefore = performance.now()
  const tally: PhaseTally = await runPhase(url, key, mix, durationMs)
  clearInterval(sampler)
  rss.push(readRssBytes(pid))
  const cpuShare = (readCpuMicros(cpPid) - cpuBefore) / 1000 / (performance.now() - wallBefore)
  return { tally, rss, cpuShare, durationMs }
}

try {
  log('warm-up')
  await runPhase(url, key, { valid: 4, unknownKeys: 0, junk: 0 }, 3_000)
  log(`quiet run: ${quietMs / 1000}s of valid traffic`)
  const quiet = await measured({ valid: 8, unknownKeys: 0, junk: 0 }, quietMs)
  log(`soak: ${soakMs / 1000}s of valid traffic, unknown keys and brotli bombs`)
  const soak = await measured({ valid: 8, unknownKeys: 8, junk: 4 }, soakMs)
  const body = renderSoakSection({
    machine: renderMachine(describeMachine(), 'pnpm --filter @gw/bench bench:soak', startedAt),
    gatewayMode: options.mode,
    quiet,
    soak,
  })
  process.stdout.write(`${body}\n`)
  if (values['no-write'] !== true) log(`wrote ${writeBenchmarkSection('soak', body)}`)
} finally {
  await gateway.value.stop()
  await stack.value.stop()
  await upstream.handle.stop()
  killAllChildren()
}
