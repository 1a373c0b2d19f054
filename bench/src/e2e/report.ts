// The shape of one e2e run's results, shared by the runner and the Markdown renderer.
import type { MachineInfo } from '../shared/machine.js'
import type { BodySizeRow } from './body-sizes.js'
import type { GovernedResult } from './governed.js'
import type { ManyKeysResult } from './many-keys.js'
import type { TargetResult } from './measure-target.js'
import type { PairedLoadResult } from './paired-load.js'
import type { E2ePlan } from './plan.js'
import type { Pinning } from './processes.js'

/** A measurement that ran, or the reason it did not. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string }

/** Spawn → `/startupz` 200 over several runs of one start mode. */
export interface StartupResult {
  runsMs: number[]
  mode: 'source' | 'built'
  /** The command line, for the report. */
  description: string
}

/** Cold start with many keys in the control plane, the gateway pulling them all before it is ready. */
export interface ColdStartResult {
  keys: number
  seedSeconds: number
  /**
   * One fresh gateway per run, each timed spawn → `/startupz` 200 with the bootstrap pull on
   * (the time-to-ready target, judged on the median), with `gateway_auth_cache_entries` right
   * after ready and the CPU each side spent until then (which one limits the pull).
   */
  readyRuns: Array<{
    readyMs: number
    cachedAtReady: number
    gatewayCpuSeconds: number
    controlPlaneCpuSeconds: number
  }>
  /** Then one first request per key: how long, and what it cost. */
  driveSeconds: number
  served: number
  failed: number
  /** Keys not tried because the time budget ran out. */
  unsent: number
  /** Auth-cache misses during the drive (keys the pull did not bring). */
  misses: number
  driveCpuSeconds: { gateway: number; controlPlane: number }
  concurrency: number
  /** What each first request was. */
  driver: string
}

/** Everything one e2e run produced. */
export interface E2eReport {
  plan: E2ePlan
  pinning: Pinning
  machine: MachineInfo
  command: string
  startedAt: Date
  upstream: string
  /** LOG_LEVEL the gateway ran with (below `info` drops the per-request access line). */
  gatewayLogLevel: string
  /** How the gateway under load was started, and why. */
  gatewayMode: string
  direct: Outcome<TargetResult>
  /** The honest floor (`floor-proxy.ts`): every ratio and target is against it. */
  floor: Outcome<TargetResult>
  /** The reference proxy (`baseline-proxy.ts`, the previous baseline), kept as a second reference. */
  baseline: Outcome<TargetResult>
  gateway: Outcome<TargetResult>
  /**
   * The floor and the gateway taking turns in short blocks (max load, 1,000 req/s): the CPU,
   * throughput and added-p99 targets are judged on it when it ran.
   */
  paired: Outcome<PairedLoadResult>
  /** Floor and gateway under 190 B, 50 KB and 200 KB bodies, non-stream and stream. */
  bodySizes: Outcome<BodySizeRow[]>
  /** 10,000 keys in rotation, and the same with 5 % unknown keys. */
  manyKeys: Outcome<ManyKeysResult>
  /** The gateway with a budget, a policy rule and tracing at 0.1 on, against the floor. */
  governed: Outcome<GovernedResult>
  startup: Outcome<StartupResult[]>
  coldStart: Outcome<ColdStartResult>
  /** Whether the proxies' and the gateway's SSE first byte come from one interleaved measurement. */
  firstBytePaired: boolean
  durationSeconds: number
}
