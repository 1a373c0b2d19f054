// The list of microbenchmarks: each bench module registers itself here when imported.

/** Reference numbers from the Go gateway's BENCHMARKS.md (Apple M3), for loose comparison. */
export interface GoReference {
  /** The Go benchmark's name. */
  name: string
  nsPerOp: number
  allocsPerOp?: number
}

/** A ready benchmark: the operation to time, and what to release afterwards. */
export interface PreparedBenchmark {
  /** One operation; may return a promise (awaited per op). */
  operation: () => unknown
  teardown?: () => Promise<void> | void
  /** Appended to the description in the table (what exactly ran). */
  note?: string
}

/** Why a benchmark cannot run yet (a missing export, a feature not built). */
export interface SkippedBenchmark {
  skipped: string
}

/** Options every benchmark's setup receives. */
export interface MicroContext {
  /** Shorter sampling for `--quick`. */
  quick: boolean
}

/** One registered microbenchmark. */
export interface MicroBenchmark {
  name: string
  /** What one operation does, for the table. */
  description: string
  /** Counted in the "whole pre-dispatch" sum (runs once on every request before dispatch). */
  preDispatch?: boolean
  reference?: GoReference
  /**
   * False for a comparison point that holds none of the gateway's code (it times Node, undici or
   * the kernel): `bench:micro` still measures it, the CI gate leaves it out (a slower host's
   * syscalls move it far more than the gate's reference operation).
   */
  gated?: boolean
  setup(context: MicroContext): Promise<PreparedBenchmark | SkippedBenchmark>
}

const registered: MicroBenchmark[] = []

/**
 * Adds a benchmark to the run, in import order.
 *
 * @example
 * registerMicro({ name: 'hashKey', description: 'SHA-256 of a key', setup: async () => ({ operation: () => hashKey(k) }) })
 */
export function registerMicro(benchmark: MicroBenchmark): void {
  registered.push(benchmark)
}

/** Every registered benchmark, in registration order. */
export function listMicro(): readonly MicroBenchmark[] {
  return registered
}

/**
 * Shorthand for a skipped setup result.
 *
 * @example
 * if (!loaded.ok) return skip(loaded.reason)
 */
export function skip(reason: string): SkippedBenchmark {
  return { skipped: reason }
}

/** Type guard separating skipped from prepared setups. */
export function isSkipped(result: PreparedBenchmark | SkippedBenchmark): result is SkippedBenchmark {
  return 'skipped' in result
}

/**
 * The benchmarks the CI gate compares with its baseline: every registered one not marked
 * `gated: false`.
 *
 * @example
 * for (const benchmark of gatedMicro(listMicro())) await measureOne(benchmark)
 */
export function gatedMicro(benchmarks: readonly MicroBenchmark[]): MicroBenchmark[] {
  return benchmarks.filter((benchmark) => benchmark.gated !== false)
}
