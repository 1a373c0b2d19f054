// Token buckets rationing control-plane lookups of unknown keys: per gateway and per client address.

/** Options of {@link createLookupLimiter}. */
export interface LookupLimiterOptions {
  /** Lookups per second for the whole gateway (`LW_GATEWAY_AUTH_LOOKUP_RATE`); burst is twice that. */
  rate: number
  /** Lookups per second per client address (`LW_GATEWAY_AUTH_LOOKUP_RATE_PER_CLIENT`); burst is four times that. */
  perClientRate: number
  /** Client addresses tracked at once (oldest dropped first). Default 10,000. */
  maxClients?: number
  /** Monotonic clock in ms. Default `performance.now`. */
  now?: () => number
}

interface Bucket {
  tokens: number
  at: number
}

/** Rations lookups; `tryTake` is false once a bucket is empty. */
export interface LookupLimiter {
  tryTake(clientAddress: string | undefined): boolean
  /** Whole seconds after which a refused caller finds a token again (the slower bucket's refill, at least 1). */
  readonly retryAfterSeconds: number
}

function refill(bucket: Bucket, now: number, rate: number, burst: number): void {
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate)
  bucket.at = now
}

/**
 * Creates the limiter. A lookup needs a token from the client's bucket and from the gateway's;
 * the client's is checked first so one flooding address cannot drain the gateway's bucket.
 *
 * @example
 * const limiter = createLookupLimiter({ rate: 100, perClientRate: 5 })
 * if (!limiter.tryTake(socket.remoteAddress)) throw invalidKey
 */
export function createLookupLimiter(options: LookupLimiterOptions): LookupLimiter {
  const now = options.now ?? (() => performance.now())
  const burst = options.rate * 2
  const clientBurst = options.perClientRate * 4
  const maxClients = options.maxClients ?? 10_000
  const global: Bucket = { tokens: burst, at: now() }
  const clients = new Map<string, Bucket>()
  return {
    retryAfterSeconds: Math.max(1, Math.ceil(1 / Math.min(options.rate, options.perClientRate))),
    tryTake(clientAddress) {
      const at = now()
      const address = clientAddress ?? 'unknown'
      let client = clients.get(address)
      if (client === undefined) {
        client = { tokens: clientBurst, at }
        if (clients.size >= maxClients) clients.delete(clients.keys().next().value as string)
      } else {
        clients.delete(address)
        refill(client, at, options.perClientRate, clientBurst)
      }
      clients.set(address, client)
      if (client.tokens < 1) return false
      refill(global, at, options.rate, burst)
      if (global.tokens < 1) return false
      client.tokens -= 1
      global.tokens -= 1
      return true
    },
  }
}
