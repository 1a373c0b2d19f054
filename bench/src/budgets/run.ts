// `pnpm bench:budgets`: gateway CPU per request with budgets off / on (in process) / on (Redis) in
// one run, budgets on vs off side by side (two gateways at once), and the latency Redis adds at a
// constant 1k req/s. Prints a Markdown section.
import { loadavg } from 'node:os'
import { readCpuMicros } from '../e2e/proc-stats.js'
import { median, percentile } from '../shared/stats.js'
import { measureWakeupCost, renderWakeupCost } from '../shared/wakeup-cost.js'
import { type Child, startBudgetStack } from './budget-stack.js'
import { startBusyLoop } from './busy-loop.js'
import { closedLoop, constantRate, createPool } from './load.js'
import { measureSideBySide, renderSideBySide, type SideBySideRow } from './side-by-side.js'

const quick = process.argv.includes('--quick')
const requestsPerRound = quick ? 2_000 : 8_000
const rounds = quick ? 2 : 4
const concurrency = 16
const ratePerSecond = 1_000
// Closed-loop rounds run each side as fast as it goes; the control plane's ingest (same host)
// slows the "on" side's load generator, so its gateway batches less. At a fixed rate both sides
// see the same arrivals.
const fixedRate = 2_000
const fixedCycles = quick ? 4 : 12
const fixedSliceSeconds = 2
const rateSeconds = quick ? 4 : 10
// Two gateways at once, one per key, roles swapped each slice: the ratio to judge the 1.1× bound by.
const sideBySideSlices = quick ? 4 : 10
const sideBySideSeconds = 3

const fmt = (value: number, digits = 1) => value.toFixed(digits)
let failures = 0

async function cpuPerRequest(gateway: Child, key: string): Promise<number> {
  const pool = createPool(gateway.url)
  try {
    // Warm-up (JIT, connections, caches) outside the measurement.
    await closedLoop(pool, key, quick ? 500 : 2_000, concurrency)
    const before = readCpuMicros(gateway.pid)
    failures += await closedLoop(pool, key, requestsPerRound, concurrency)
    return (readCpuMicros(gateway.pid) - before) / requestsPerRound
  } finally {
    await pool.close()
  }
}

/** Gateway CPU per request at a fixed offered rate: both sides do the same number of requests per second. */
async function cpuAtRate(gateway: Child, key: string, rate: number, seconds: number): Promise<number> {
  const pool = createPool(gateway.url)
  try {
    await closedLoop(pool, key, 500, concurrency)
    const before = readCpuMicros(gateway.pid)
    const result = await constantRate(pool, key, rate, seconds)
    failures += result.errors
    return (readCpuMicros(gateway.pid) - before) / result.latenciesMs.length
  } finally {
    await pool.close()
  }
}

/** Resolves once the control plane used under 5 % of a core over 200 ms (at most 3 s). */
async function controlPlaneIdle(pid: number): Promise<void> {
  for (let waited = 0; waited < 3_000; waited += 200) {
    const before = readCpuMicros(pid)
    await new Promise((resolve) => setTimeout(resolve, 200))
    if (readCpuMicros(pid) - before < 10_000) return
  }
}

async function latency(gateway: Child, key: string) {
  const pool = createPool(gateway.url)
  try {
    await closedLoop(pool, key, 500, concurrency)
    const result = await constantRate(pool, key, ratePerSecond, rateSeconds)
    const sorted = [...result.latenciesMs].sort((a, b) => a - b)
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      rate: result.achievedPerSecond,
      errors: result.errors,
    }
  } finally {
    await pool.close()
  }
}

const startedAt = new Date()
// Before any child starts, while this process is quiet: the host's price of an idle wakeup.
const wakeup = await measureWakeupCost()
const stack = await startBudgetStack()
try {
  const local = await stack.startGateway()
  const redis = await stack.startRedis()
  const shared =
    typeof redis === 'string' ? undefined : await stack.startGateway({ GATEWAY_REDIS_URL: redis.url })
  const cpu = { off: [] as number[], on: [] as number[], redis: [] as number[] }
  // Alternating rounds on one gateway process: drift on a busy host hits both sides alike.
  for (let round = 0; round < rounds; round += 1) {
    cpu.off.push(await cpuPerRequest(local, stack.keys.off))
    cpu.on.push(await cpuPerRequest(local, stack.keys.on))
    if (shared !== undefined) cpu.redis.push(await cpuPerRequest(shared, stack.keys.on))
  }
  // Short slices, the four keys in turn, many cycles: each key's slice is compared with the `off`
  // slice of its own cycle, so the host's drift (seconds to minutes) cancels out of the ratio.
  // `control`: the `off` key again while a busy loop takes the share of core 0 the control plane
  // took during this cycle's `on` slice (its ledger ingest): what that load alone does to the ratio.
  const fixed = {
    off: [] as number[],
    rl: [] as number[],
    one: [] as number[],
    on: [] as number[],
    control: [] as number[],
  }
  const controlShares: number[] = []
  for (let cycle = 0; cycle < fixedCycles; cycle += 1) {
    for (const name of ['off', 'rl', 'one'] as const) {
      fixed[name].push(await cpuAtRate(local, stack.keys[name], fixedRate, fixedSliceSeconds))
    }
    const cpBefore = readCpuMicros(stack.controlPlanePid)
    const onStarted = performance.now()
    fixed.on.push(await cpuAtRate(local, stack.keys.on, fixedRate, fixedSliceSeconds))
    const share =
      (readCpuMicros(stack.controlPlanePid) - cpBefore) / ((performance.now() - onStarted) * 1_000)
    controlShares.push(share)
    // The control slice starts once the ingest of the `on` slice's last records is over.
    await controlPlaneIdle(stack.controlPlanePid)
    const loop = startBusyLoop(share)
    try {
      fixed.control.push(await cpuAtRate(local, stack.keys.off, fixedRate, fixedSliceSeconds))
    } finally {
      await loop.stop()
    }
  }
  // Two fresh processes, started and warmed alike (a process used for longer has an edge).
  const pair = [await stack.startGateway(), await stack.startGateway()] as const
  // The full configuration first (the strictest reading of "budgets on"), then each part alone.
  const sideBySide: SideBySideRow[] = []
  for (const [label, name] of [
    ['budgets on, in process (3 budgets + RPM/RPD/TPM)', 'on'],
    ['one budget only', 'one'],
    ['rate limits only (RPM/RPD/TPM)', 'rl'],
  ] as const) {
    const slices = await measureSideBySide(pair, {
      keys: { off: stack.keys.off, on: stack.keys[name] },
      rate: ratePerSecond,
      slices: sideBySideSlices,
      sliceSeconds: sideBySideSeconds,
    })
    sideBySide.push({ label, slices })
  }
  for (const gateway of pair) await gateway.stop()
  const paired = (name: keyof typeof fixed) =>
    median(fixed[name].map((value, cycle) => value / (fixed.off[cycle] as number)))
  const off = median(cpu.off)
  const on = median(cpu.on)
  const lat = {
    off: await latency(local, stack.keys.off),
    on: await latency(local, stack.keys.on),
    redis: shared === undefined ? undefined : await latency(shared, stack.keys.on),
  }
  const lines = [
    `Run ${startedAt.toISOString()}, load average ${loadavg()
      .map((value) => fmt(value, 2))
      .join(' / ')} at the end, ${quick ? 'quick' : 'full'} run. ${
      stack.pinning.enabled
        ? 'Gateway alone on core 1; load, control plane, mock and Redis on core 0 (`taskset`).'
        : `Not pinned: ${stack.pinning.reason}.`
    }`,
    '',
    renderWakeupCost(wakeup),
    '',
    '| gateway CPU per request (median of rounds) | µs | × budgets off |',
    '|---|---|---|',
    `| budgets off (key without governance) | ${fmt(off)} | 1.00× |`,
    `| budgets on, in process (3 budgets + RPM/RPD/TPM) | ${fmt(on)} | ${fmt(on / off, 2)}× |`,
    shared === undefined
      ? `| budgets on, Redis | skipped: ${redis as string} | — |`
      : `| budgets on, Redis (same key, second gateway) | ${fmt(median(cpu.redis))} | ${fmt(median(cpu.redis) / off, 2)}× |`,
    '',
    `| gateway CPU per request at a fixed ${fixedRate} req/s (same arrivals on every side; ${fixedCycles} cycles of ${fixedSliceSeconds} s per key) | median µs | median of paired ratios (× the same cycle's off) |`,
    '|---|---|---|',
    ...(
      [
        ['budgets off (key without governance)', 'off'],
        ['rate limits only (RPM/RPD/TPM)', 'rl'],
        ['one budget only', 'one'],
        ['budgets on, in process (3 budgets + RPM/RPD/TPM)', 'on'],
        [
          `control: budgets off + a busy loop on core 0 as large as the control plane's ingest during "on" (median ${fmt(median(controlShares) * 100, 0)} % of a core)`,
          'control',
        ],
      ] as const
    ).map(([label, name]) => `| ${label} | ${fmt(median(fixed[name]))} | ${fmt(paired(name), 2)}× |`),
    '',
    `Fixed-rate slices (µs, in cycle order): ${(['off', 'rl', 'one', 'on', 'control'] as const).map((name) => `${name} ${fixed[name].map((v) => fmt(v)).join(', ')}`).join('; ')}.`,
    '',
    ...renderSideBySide(sideBySide, ratePerSecond, sideBySideSeconds),
    '',
    `Rounds: ${rounds} × ${requestsPerRound} requests at concurrency ${concurrency} (${failures} failed); per-round µs off ${cpu.off.map((v) => fmt(v)).join(', ')}; on ${cpu.on.map((v) => fmt(v)).join(', ')}${cpu.redis.length > 0 ? `; Redis ${cpu.redis.map((v) => fmt(v)).join(', ')}` : ''}.`,
    '',
    `| latency at ${ratePerSecond} req/s for ${rateSeconds} s | achieved req/s | p50 ms | p99 ms | errors |`,
    '|---|---|---|---|---|',
  ]
  for (const [name, value] of [
    ['budgets off', lat.off],
    ['budgets on, in process', lat.on],
    ['budgets on, Redis', lat.redis],
  ] as const) {
    if (value === undefined) continue
    lines.push(
      `| ${name} | ${fmt(value.rate, 0)} | ${fmt(value.p50, 2)} | ${fmt(value.p99, 2)} | ${value.errors} |`,
    )
  }
  if (lat.redis !== undefined) {
    lines.push(
      '',
      `Redis adds ${fmt(lat.redis.p50 - lat.on.p50, 2)} ms at p50 and ${fmt(lat.redis.p99 - lat.on.p99, 2)} ms at p99 over in-process counters (${fmt(lat.redis.p50 - lat.off.p50, 2)} / ${fmt(lat.redis.p99 - lat.off.p99, 2)} ms over budgets off).`,
    )
  }
  console.log(lines.join('\n'))
  await shared?.stop()
  if (typeof redis !== 'string') await redis.stop()
  await local.stop()
} finally {
  await stack.close()
}
