// Times one operation with mitata, and (in a separate process) estimates its heap allocation per call.
import { getHeapStatistics } from 'node:v8'
import { measure } from 'mitata'

/** Timing of one operation. */
export interface MicroTiming {
  avgNs: number
  p50Ns: number
  p99Ns: number
  /** The fastest sample: the steadiest figure under contention (the CI gate's). */
  minNs: number
}

/** Node flags of the allocation pass: a 64 MB young generation so no scavenge hides allocations. */
export const allocationNodeFlags = [
  '--expose-gc',
  '--max-semi-space-size=64',
  '--min-semi-space-size=64',
] as const

const usedHeap = () => {
  const stats = getHeapStatistics()
  return stats.used_heap_size + stats.malloced_memory
}

async function runOnce(operation: () => unknown): Promise<boolean> {
  const first = operation()
  if (!(first instanceof Promise)) return false
  await first
  return true
}

/**
 * Times `operation` (sync or async) with mitata: about 0.15 s of samples with `quick`, else 0.65 s.
 * Run it with the default young generation: a large one makes allocation-heavy code slower.
 *
 * @example
 * const timing = await measureTiming(() => hashKey(raw), { quick: false })
 */
export async function measureTiming(
  operation: () => unknown,
  options: { quick: boolean },
): Promise<MicroTiming> {
  await runOnce(operation)
  const stats = await measure(operation, { min_cpu_time: (options.quick ? 150 : 642) * 1e6 })
  return { avgNs: stats.avg, p50Ns: stats.p50, p99Ns: stats.p99, minNs: stats.min }
}

/**
 * Approximate bytes allocated per call: heap growth over 10,000 calls between two forced GCs,
 * the smallest of 3 rounds. Needs the {@link allocationNodeFlags}; undefined without `--expose-gc`.
 *
 * @example
 * const bytes = await measureAllocation(() => hashKey(raw))
 */
export async function measureAllocation(operation: () => unknown): Promise<number | undefined> {
  const collect = (globalThis as { gc?: () => void }).gc
  if (collect === undefined) return undefined
  const isAsync = await runOnce(operation)
  const calls = 10_000
  const estimates: number[] = []
  for (let round = 0; round < 3; round++) {
    collect()
    const before = usedHeap()
    if (isAsync) for (let i = 0; i < calls; i++) await operation()
    else for (let i = 0; i < calls; i++) operation()
    estimates.push((usedHeap() - before) / calls)
  }
  return Math.max(0, Math.min(...estimates))
}
