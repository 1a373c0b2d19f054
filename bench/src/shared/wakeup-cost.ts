// What one timer wakeup from idle costs this host in process CPU: the floor under any fixed-rate reading.
import { median } from './stats.js'

/** Options of {@link measureWakeupCost}; the two functions are replaceable for tests. */
export interface WakeupCostOptions {
  /** Sleep between wakeups. Default 10 ms (a gateway at 100 req/s, or a 10 ms flush timer). */
  periodMs?: number
  /** Wakeups per sample. Default 100. */
  wakeups?: number
  /** Samples; the median is reported. Default 3. */
  samples?: number
  /** This process's CPU time so far (user + system), µs. Default `process.cpuUsage()`. */
  cpuMicros?: () => number
  /** Resolves after `ms` of idle. Default a `setTimeout`. */
  sleep?: (ms: number) => Promise<void>
}

/** CPU per wakeup, µs. */
export interface WakeupCost {
  periodMs: number
  wakeups: number
  /** One value per sample, in order. */
  samplesMicros: number[]
  medianMicros: number
}

const processCpuMicros = (): number => {
  const usage = process.cpuUsage()
  return usage.user + usage.system
}

const timerSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Sleeps `wakeups` times for `periodMs` each and divides the process CPU spent by the wakeups.
 * The process does nothing else meanwhile, so what it measures is the price of waking an idle
 * Node process on this host (scheduler, timer interrupt, virtualisation exits, cold caches, one
 * event-loop turn). Under a fixed rate below saturation a server pays part of it per request; at
 * full load it does not (the loop never sleeps). On the 2-core VM these benchmarks run on it was
 * 150 µs at 10 ms: that is why a request at 1,000 req/s costs the floor 140 µs and 52 µs at max.
 * Run it before starting the children, while this process is otherwise quiet.
 *
 * @example
 * const { medianMicros } = await measureWakeupCost() // e.g. 148.2
 */
export async function measureWakeupCost(options: WakeupCostOptions = {}): Promise<WakeupCost> {
  const periodMs = options.periodMs ?? 10
  const wakeups = options.wakeups ?? 100
  const samples = options.samples ?? 3
  const cpuMicros = options.cpuMicros ?? processCpuMicros
  const sleep = options.sleep ?? timerSleep
  if (!(wakeups >= 1 && samples >= 1 && periodMs >= 0)) {
    throw new RangeError('measureWakeupCost: wakeups and samples must be ≥ 1, periodMs ≥ 0')
  }
  const samplesMicros: number[] = []
  for (let sample = 0; sample < samples; sample += 1) {
    const before = cpuMicros()
    for (let wakeup = 0; wakeup < wakeups; wakeup += 1) await sleep(periodMs)
    samplesMicros.push((cpuMicros() - before) / wakeups)
  }
  return { periodMs, wakeups, samplesMicros, medianMicros: median(samplesMicros) }
}

/**
 * One Markdown bullet for a run's header.
 *
 * @example
 * renderWakeupCost(await measureWakeupCost())
 * // '- Timer wakeup from idle: 148 µs of process CPU each (…)'
 */
export function renderWakeupCost(cost: WakeupCost): string {
  return `- Timer wakeup from idle: ${cost.medianMicros.toFixed(0)} µs of process CPU each (median of ${cost.samplesMicros.length} × ${cost.wakeups} sleeps of ${cost.periodMs} ms: ${cost.samplesMicros.map((value) => value.toFixed(0)).join(', ')} µs). A server below saturation pays part of it per request, so fixed-rate rows cost more per request than max-load rows, and a side that wakes more often (a timer, a thread hand-off) pays for it there.`
}
