// Entry of `pnpm bench:e2e`: direct, the floor, the reference proxy and the gateway under the same load, then start-up
// and cold start; rewrites the e2e section of BENCHMARKS.md. Bounded in time; cleans up children.
import { parseArgs } from 'node:util'
import { writeBenchmarkSection } from '../shared/bench-document.js'
import { describeMachine } from '../shared/machine.js'
import { measureWakeupCost } from '../shared/wakeup-cost.js'
import { type ProxyEntryName, prepareBaselineEntry } from './baseline-entry.js'
import { createBodies } from './bodies.js'
import { type BodySizeRow, measureBodySizes } from './body-sizes.js'
import { measureColdStart } from './cold-start.js'
import {
  type ControlPlaneStack,
  type GatewayStackOptions,
  measureStartup,
  startControlPlaneStack,
  startGatewayTarget,
} from './gateway-stack.js'
import { type GovernedResult, governedParts, measureGoverned } from './governed.js'
import { runClosedLoop } from './load/closed-loop.js'
import { measureFirstBytePaired } from './load/first-byte.js'
import { type ManyKeysResult, measureManyKeys } from './many-keys.js'
import {
  measureTarget,
  type SuiteContext,
  type Target,
  type TargetResult,
  UnexpectedStatusError,
} from './measure-target.js'
import { measurePairedLoad, type PairedLoadResult } from './paired-load.js'
import { createPlan, writesBenchmarksFile } from './plan.js'
import { detectPinning, installCleanup, killAllChildren, pinSelf, spawnChild } from './processes.js'
import { renderE2eSection } from './render-e2e.js'
import type { E2eReport, Outcome } from './report.js'
import { chooseGatewayMode } from './stack/choose-gateway-mode.js'
import { startUpstream, type UpstreamKind } from './upstream.js'

const sections = [
  'direct',
  'floor',
  'baseline',
  'gateway',
  'paired',
  'bodies',
  'many-keys',
  'governed',
  'startup',
  'cold-start',
] as const
type Section = (typeof sections)[number]

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    upstream: { type: 'string', default: 'auto' },
    'log-level': { type: 'string', default: 'info' },
    only: { type: 'string' },
    write: { type: 'boolean', default: false },
    gateway: { type: 'string', default: 'auto' },
    governed: { type: 'string', default: governedParts.join(',') },
  },
})
const quick = values.quick ?? false
const upstreamKind = (
  ['auto', 'mock', 'fixed'].includes(values.upstream ?? '') ? values.upstream : 'auto'
) as UpstreamKind
const only = new Set((values.only ?? sections.join(',')).split(',').map((name) => name.trim()))
const loadCore = 0
const systemCore = 1
const startedAt = new Date()
const machine = describeMachine()
// Before any child starts, while this process is quiet: the host's price of an idle wakeup.
machine.wakeup = await measureWakeupCost()
const log = (line: string) =>
  console.log(`[${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s] ${line}`)

installCleanup()
// A hard stop: whatever hangs, the run ends and takes its children with it.
const watchdog = setTimeout(
  () => {
    console.error('bench:e2e exceeded its time limit; stopping')
    killAllChildren()
    process.exit(2)
  },
  (quick ? 8 : 20) * 60_000,
)
watchdog.unref()

/** Runs a section when `--only` includes it; a throw becomes a failed outcome, never a crash. */
async function section<T>(name: Section, run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  if (!only.has(name)) return { ok: false, reason: 'not run (--only)' }
  try {
    return await run()
  } catch (error) {
    return { ok: false, reason: `failed: ${error instanceof Error ? error.message : String(error)}` }
  }
}

const plan = createPlan(quick)
const pinning = detectPinning()
pinSelf(pinning, loadCore)
log(pinning.enabled ? 'pinning: load + upstream on core 0, SUT on core 1' : `unpinned: ${pinning.reason}`)

const upstream = await startUpstream(upstreamKind, pinning, loadCore)
log(`upstream: ${upstream.description} at ${upstream.url}`)
const context: SuiteContext = { plan, pinning, bodies: createBodies('gpt-4o-mini'), loadCore, log }
const gatewayMode = chooseGatewayMode(values.gateway ?? 'auto')
log(`gateway: ${gatewayMode.note}`)
const stackOptions: GatewayStackOptions = {
  upstreamUrl: upstream.url,
  pinning,
  loadCore,
  systemCore,
  logLevel: values['log-level'] ?? 'info',
  mode: gatewayMode.mode,
  measureBuiltStartup: gatewayMode.builtUsable,
  quick,
  log,
}

const direct = await section('direct', async () => {
  const url = `${upstream.url}/v1/chat/completions`
  const target = { label: 'direct', url, pid: upstream.handle.pid, process: upstream.handle }
  return { ok: true, value: await measureTarget(target, context) }
})

// The floor and the reference proxy stay up (idle) through the gateway section, whose SSE first
// byte they share.
interface RunningProxy {
  target: Target
  stop(): Promise<void>
}
const proxies: RunningProxy[] = []

/** Starts one bare-Node proxy on the SUT core, measures it, and leaves it running (idle). */
async function runProxy(name: ProxyEntryName, label: string): Promise<Outcome<TargetResult>> {
  const entry = prepareBaselineEntry(name)
  const proxy = spawnChild({
    name: label,
    command: process.execPath,
    args: [entry.file],
    env: { BENCH_UPSTREAM_URL: upstream.url },
    core: systemCore,
    pinning,
  })
  const stop = async () => {
    await proxy.stop()
    entry.dispose()
  }
  let kept = false
  try {
    const [, url] = await proxy.waitForLine(/^BENCH_READY url=(.*)$/, 30_000)
    const target = { label, url: `${url}/v1/chat/completions`, pid: proxy.pid, process: proxy }
    const result = await measureTarget(target, context)
    proxies.push({ target, stop })
    kept = true
    return { ok: true, value: result }
  } finally {
    if (!kept) await stop()
  }
}

const floor = await section('floor', () => runProxy('floor-proxy', 'floor'))
const baseline = await section('baseline', () => runProxy('baseline-proxy', 'reference proxy'))
const floorProxy = floor.ok ? proxies[0] : undefined
const referenceProxy = baseline.ok ? proxies[floor.ok ? 1 : 0] : undefined

// One control plane serves the gateway run, the start-ups and the cold start.
const needsStack = ['gateway', 'many-keys', 'governed', 'startup', 'cold-start'].some((name) =>
  only.has(name),
)
const stack: Outcome<ControlPlaneStack> = needsStack
  ? await startControlPlaneStack(stackOptions).catch((error: unknown) => ({
      ok: false as const,
      reason: `failed: control plane: ${error instanceof Error ? error.message : String(error)}`,
    }))
  : { ok: false, reason: 'not run (--only)' }

let firstBytePaired = false
// The gateway stays up (idle) after its own section for the body-size and many-keys runs.
let gatewayRunning: { target: Target; stop(): Promise<void> } | undefined
const gateway = await section('gateway', async (): Promise<Outcome<TargetResult>> => {
  if (!stack.ok) return stack
  const running = await startGatewayTarget(stack.value, stackOptions)
  if (!running.ok) return running
  try {
    const result = await measureTarget(running.value.target, context)
    // Measured minutes apart, SSE numbers differ by whatever else ran on the machine meanwhile
    // (1 ms and more on a shared box): re-measure the proxies and the gateway, taking turns.
    const sseProxies: Array<[RunningProxy, Outcome<TargetResult>]> = []
    if (floorProxy !== undefined) sseProxies.push([floorProxy, floor])
    if (referenceProxy !== undefined) sseProxies.push([referenceProxy, baseline])
    if (sseProxies.length > 0) {
      log(`proxies + gateway: SSE first byte over ${plan.firstByteRequests} streams each, taking turns`)
      const firstBytes = await measureFirstBytePaired(
        [...sseProxies.map(([proxy]) => proxy.target), running.value.target],
        {
          body: context.bodies.stream,
          requests: plan.firstByteRequests,
          blocks: 10,
          timeoutSeconds: plan.quick ? 40 : 120,
        },
      )
      const gatewayFirstByte = firstBytes[sseProxies.length]
      if (gatewayFirstByte !== undefined && firstBytes.length === sseProxies.length + 1) {
        sseProxies.forEach(([, outcome], index) => {
          const firstByte = firstBytes[index]
          if (outcome.ok && firstByte !== undefined) outcome.value.firstByte = firstByte
        })
        result.firstByte = gatewayFirstByte
        firstBytePaired = true
      }
    }
    gatewayRunning = running.value
    return { ok: true, value: result }
  } catch (error) {
    if (error instanceof UnexpectedStatusError && error.status === 404) {
      return { ok: false, reason: 'skipped: the gateway does not serve POST /v1/chat/completions yet (404)' }
    }
    throw error
  } finally {
    if (gatewayRunning === undefined) await running.value.stop()
  }
})

const needFloor = (what: string) => ({
  ok: false as const,
  reason: `not run: ${what} needs the floor and the gateway`,
})
const paired = await section('paired', async (): Promise<Outcome<PairedLoadResult>> => {
  if (floorProxy === undefined || gatewayRunning === undefined || !stack.ok)
    return needFloor('the paired run')
  // More processes of the same build, warmed up like the suite's own before their first turn.
  const extras: Array<{ target: Target; stop(): Promise<void> }> = []
  try {
    for (let started = 1; started < plan.pairedInstances; started++) {
      const extra = await startGatewayTarget(stack.value, stackOptions)
      if (!extra.ok) return extra
      extras.push(extra.value)
      await runClosedLoop(extra.value.target, context, context.bodies.chat, 2)
    }
    const gateways = [gatewayRunning.target, ...extras.map((extra) => extra.target)]
    log(
      `floor + ${gateways.length} gateway processes: max load and 1,000 req/s, taking turns in ${plan.pairedBlocks} blocks`,
    )
    return { ok: true, value: await measurePairedLoad(floorProxy.target, gateways, context) }
  } finally {
    for (const extra of extras) await extra.stop()
  }
})
const bodySizes = await section('bodies', async (): Promise<Outcome<BodySizeRow[]>> => {
  if (floorProxy === undefined || gatewayRunning === undefined) return needFloor('bodies')
  const seconds = plan.bodySeconds
  return {
    ok: true,
    value: await measureBodySizes(floorProxy.target, gatewayRunning.target, context, seconds),
  }
})
await gatewayRunning?.stop()
const manyKeys = await section('many-keys', async (): Promise<Outcome<ManyKeysResult>> => {
  if (floorProxy === undefined || !stack.ok) return needFloor('many keys')
  return {
    ok: true,
    value: await measureManyKeys(stack.value, stackOptions, floorProxy.target, context, plan.manyKeys),
  }
})
const governed = await section('governed', async (): Promise<Outcome<GovernedResult>> => {
  if (floorProxy === undefined || !stack.ok) return needFloor('governed')
  const parts = governedParts.filter((part) => (values.governed ?? '').split(',').includes(part))
  return measureGoverned(stack.value, stackOptions, floorProxy.target, context, parts)
})
for (const proxy of proxies) await proxy.stop()
const startup = await section('startup', () =>
  measureStartup(stack.ok ? stack.value : undefined, stackOptions, plan.startupRuns),
)
const coldStart = await section('cold-start', async () =>
  stack.ok ? measureColdStart(stack.value, stackOptions, plan) : stack,
)
if (stack.ok) await stack.value.stop()
await upstream.handle.stop()

const report: E2eReport = {
  plan,
  pinning,
  machine,
  command: ['pnpm bench:e2e', ...process.argv.slice(2)].join(' '),
  startedAt,
  upstream: upstream.description,
  gatewayLogLevel: stackOptions.logLevel,
  gatewayMode: gatewayMode.note,
  direct,
  floor,
  baseline,
  gateway,
  paired,
  bodySizes,
  manyKeys,
  governed,
  startup,
  coldStart,
  firstBytePaired,
  durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
}
const rendered = renderE2eSection(report)
if (writesBenchmarksFile({ only: values.only, write: values.write ?? false })) {
  log(`wrote ${writeBenchmarkSection('e2e', rendered)}`)
} else {
  console.log(rendered)
  log('--only: BENCHMARKS.md left as it was (the section is printed above; --write writes it)')
}
for (const [label, outcome] of Object.entries({
  direct,
  floor,
  baseline,
  gateway,
  paired,
  bodySizes,
  manyKeys,
  governed,
  startup,
  coldStart,
})) {
  if (!outcome.ok) log(`${label}: ${outcome.reason}`)
}
clearTimeout(watchdog)
