// Per-credential routing statistics the gateway measures: EWMA of time to first byte, in-flight requests.

/** Options of {@link createRoutingStats}. */
export interface RoutingStatsOptions {
  /** Weight of a new sample in the moving average. Default 0.3. */
  alpha?: number
  /**
   * A sample arriving after this long without one replaces the average instead of blending
   * into it (the old figure no longer describes the credential). Default 2 000 ms.
   */
  staleAfterMs?: number
  /** Credentials tracked at most; idle ones are forgotten first. Default 10 000. */
  maxCredentials?: number
}

/**
 * What routing knows of each credential. Times (`at`) are the caller's monotonic milliseconds,
 * read once per request: a clock read costs more than the rest of a decision on some machines.
 */
export interface RoutingStats {
  /** Records one upstream time to first byte of `providerId`, in ms. */
  observeTtfb(providerId: string, ms: number, at: number): void
  /** The moving average, or undefined before the first sample. */
  latencyOf(providerId: string): number | undefined
  /** Milliseconds since the last sample or probe (Infinity when never). */
  sampleAgeMs(providerId: string, at: number): number
  /** Notes that a probe request was sent, so the next one waits a full interval. */
  markProbed(providerId: string, at: number): void
  /** A request to `providerId` started / ended. */
  started(providerId: string): void
  finished(providerId: string): void
  inFlight(providerId: string): number
  readonly size: number
}

interface CredentialStats {
  ewma: number
  sampledAt: number
  inFlight: number
}

/**
 * Creates the statistics shared by every key of a gateway (credentials are the unit: two keys
 * using one credential share its latency and load).
 *
 * @example
 * const stats = createRoutingStats()
 * stats.observeTtfb('openai-prod', 230, performance.now())
 * stats.latencyOf('openai-prod') // → 230
 */
export function createRoutingStats(options: RoutingStatsOptions = {}): RoutingStats {
  const alpha = options.alpha ?? 0.3
  const staleAfterMs = options.staleAfterMs ?? 2_000
  const maxCredentials = options.maxCredentials ?? 10_000
  const credentials = new Map<string, CredentialStats>()

  const entry = (providerId: string): CredentialStats => {
    let stats = credentials.get(providerId)
    if (stats === undefined) {
      if (credentials.size >= maxCredentials) forgetIdle()
      stats = { ewma: Number.NaN, sampledAt: Number.NEGATIVE_INFINITY, inFlight: 0 }
      credentials.set(providerId, stats)
    }
    return stats
  }
  // Drops the oldest idle tenth, so a flood of credential ids cannot grow the map without bound.
  const forgetIdle = (): void => {
    let budget = Math.max(1, Math.floor(maxCredentials / 10))
    for (const [id, stats] of credentials) {
      if (budget === 0) break
      if (stats.inFlight > 0) continue
      credentials.delete(id)
      budget--
    }
  }

  return {
    observeTtfb(providerId, ms, at) {
      const stats = entry(providerId)
      const fresh = !Number.isNaN(stats.ewma) && at - stats.sampledAt <= staleAfterMs
      stats.ewma = fresh ? stats.ewma + alpha * (ms - stats.ewma) : ms
      stats.sampledAt = at
    },
    latencyOf(providerId) {
      const ewma = credentials.get(providerId)?.ewma
      return ewma === undefined || Number.isNaN(ewma) ? undefined : ewma
    },
    sampleAgeMs(providerId, at) {
      const stats = credentials.get(providerId)
      return stats === undefined ? Number.POSITIVE_INFINITY : at - stats.sampledAt
    },
    markProbed(providerId, at) {
      entry(providerId).sampledAt = at
    },
    started(providerId) {
      entry(providerId).inFlight++
    },
    finished(providerId) {
      const stats = credentials.get(providerId)
      if (stats !== undefined && stats.inFlight > 0) stats.inFlight--
    },
    inFlight: (providerId) => credentials.get(providerId)?.inFlight ?? 0,
    get size() {
      return credentials.size
    },
  }
}
