// Durations and sizes of one e2e run: `--quick` (about 4 minutes) or full (about 12 minutes).

/** Everything the e2e run repeats or waits for, bounded. */
export interface E2ePlan {
  quick: boolean
  /** wrk connections (closed loop, one thread). */
  connections: number
  throughputSeconds: number
  /** Fixed rates for the latency runs. */
  rates: readonly number[]
  rateSeconds: number
  firstByteRequests: number
  /** Closed-loop load added until the SUT has carried this many seconds of load, before the RSS reading. */
  loadSecondsBeforeRss: number
  startupRuns: number
  coldStartKeys: number
  /** Fresh gateways started against those keys; the target is judged on their median. */
  coldStartRuns: number
  /** Concurrency of the cold-start driver. */
  coldStartConcurrency: number
  /** The cold-start driver stops after this long and reports the rate it reached. */
  coldStartBudgetSeconds: number
  /** Distinct keys of the many-keys run. */
  manyKeys: number
  /** wrk seconds per target, body size and mode. */
  bodySeconds: number
  /** Closed-loop and 1,000 req/s seconds of each many-keys run. */
  manyKeysSeconds: number
  /** Blocks of the paired floor/gateway run (odd: the median is one block's ratio). */
  pairedBlocks: number
  /**
   * Gateway processes the paired run's blocks rotate over (the suite's own plus fresh ones, each
   * warmed up first): two processes of one build differ by a few per cent.
   */
  pairedInstances: number
  /** wrk seconds per target and block of the paired run. */
  pairedBlockSeconds: number
  /** 1,000 req/s seconds per target and block of the paired run (the first half second is warm-up). */
  pairedRateSeconds: number
}

/**
 * The plan for a run.
 *
 * @example
 * const plan = createPlan(values.quick)
 */
export function createPlan(quick: boolean): E2ePlan {
  return quick
    ? {
        quick,
        connections: 32,
        throughputSeconds: 5,
        rates: [500, 1_000],
        rateSeconds: 5,
        firstByteRequests: 300,
        loadSecondsBeforeRss: 15,
        startupRuns: 3,
        coldStartKeys: 5_000,
        coldStartRuns: 1,
        coldStartConcurrency: 32,
        coldStartBudgetSeconds: 30,
        manyKeys: 10_000,
        bodySeconds: 2,
        manyKeysSeconds: 3,
        pairedBlocks: 3,
        pairedInstances: 3,
        pairedBlockSeconds: 2,
        pairedRateSeconds: 2,
      }
    : {
        quick,
        connections: 32,
        throughputSeconds: 15,
        rates: [500, 1_000],
        rateSeconds: 15,
        firstByteRequests: 2_000,
        loadSecondsBeforeRss: 60,
        startupRuns: 5,
        coldStartKeys: 50_000,
        coldStartRuns: 3,
        coldStartConcurrency: 64,
        coldStartBudgetSeconds: 150,
        manyKeys: 10_000,
        bodySeconds: 8,
        manyKeysSeconds: 10,
        pairedBlocks: 9,
        pairedInstances: 3,
        pairedBlockSeconds: 4,
        pairedRateSeconds: 3,
      }
}

/**
 * Whether a run rewrites the e2e section of BENCHMARKS.md. A run of every section does; a partial
 * run (`--only`) prints its section instead, so a quick look at one part never replaces the
 * committed full run, unless `--write` asks for it.
 *
 * @example
 * writesBenchmarksFile({ only: 'floor,bodies', write: false }) // → false
 */
export function writesBenchmarksFile(options: { only: string | undefined; write: boolean }): boolean {
  return options.only === undefined || options.write
}
