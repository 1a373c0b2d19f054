// The shape of one e2e run's results, shared by the runner and the Markdown renderer.
import type { MachineInfo } from '../shared/machine.js'
import type { TargetResult } from './measure-target.js'
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

/** Cold start with many keys in the control plane. */
export interface ColdStartResult {
  keys: number
  seedSeconds: number
  /** Spawn → `/startupz` 200 with those keys in the control plane. */
  startupMs: number
  /** First request per key (each a cache miss) until all are resolved. */
  resolveSeconds: number
  resolved: number
  failed: number
  /** Keys not tried because the time budget ran out (the rate reached is reported instead). */
  unsent: number
  /** CPU the gateway and the control plane spent during the drive: shows which one limits it. */
  gatewayCpuSeconds: number
  controlPlaneCpuSeconds: number
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
  baseline: Outcome<TargetResult>
  gateway: Outcome<TargetResult>
  startup: Outcome<StartupResult[]>
  coldStart: Outcome<ColdStartResult>
  durationSeconds: number
}
