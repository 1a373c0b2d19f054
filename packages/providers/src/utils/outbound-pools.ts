// Outbound HTTP: one keep-alive undici Pool per provider origin, or one ProxyAgent, or an injected dispatcher.
import type { AddressPolicy } from '@gw/contract'
import { type Dispatcher, Pool, ProxyAgent } from 'undici'
import { assertOriginAllowed, createCheckedLookup } from './checked-lookup.js'

/** Upstream timeouts. */
export interface OutboundTimeouts {
  /** TCP + TLS connect. Default 10 000 ms. */
  connectMs?: number
  /**
   * Time to first byte: until the response headers, streaming or not. A stalled provider is
   * skipped after this (a timeout: fallback and breaker). Default 60 000 ms; a provider's
   * `firstByteTimeoutMs` overrides it.
   */
  headersMs?: number
  /** Between two body bytes; generous so slow reasoning streams survive. Default 300 000 ms. */
  bodyMs?: number
}

/** Options of {@link createOutboundPools}. */
export interface OutboundPoolsOptions {
  /** Connections per origin. Default 256. */
  connections?: number
  /** Idle keep-alive when the server sends no hint. Default 30 000 ms. */
  keepAliveTimeoutMs?: number
  timeouts?: OutboundTimeouts
  /** Send every request through this HTTP(S) proxy (undici `ProxyAgent`), e.g. `http://proxy:3128`. */
  proxyUrl?: string
  /** Use this dispatcher for every origin (tests, custom agents); it is not closed by `close()`. */
  dispatcher?: Dispatcher
  /**
   * SSRF policy checked when connecting: IP-literal and metadata hosts before the pool is made,
   * resolved addresses in the socket's DNS lookup (so rebinding cannot get around it). Not
   * applied through `proxyUrl` (the proxy resolves) nor to an injected `dispatcher`.
   */
  addressPolicy?: AddressPolicy
}

/** The resolved timeouts every request uses. */
export type ResolvedTimeouts = Required<OutboundTimeouts>

/** Per-origin dispatchers. */
export interface OutboundPools {
  readonly timeouts: ResolvedTimeouts
  /** The dispatcher for `origin` (`https://api.openai.com`), created on first use; throws for a refused or non-HTTP origin. */
  get(origin: string): Dispatcher
  /** Closes every pool this instance created, letting in-flight requests finish. */
  close(): Promise<void>
}

/**
 * Creates the outbound dispatchers: keep-alive, pipelining 1 (LLM calls are long; pipelining
 * would queue one behind another), a connection cap per origin and the configured timeouts.
 *
 * @example
 * const pools = createOutboundPools({ connections: 64, timeouts: { connectMs: 5_000 } })
 * const pool = pools.get('https://api.openai.com')
 */
export function createOutboundPools(options: OutboundPoolsOptions = {}): OutboundPools {
  const timeouts: ResolvedTimeouts = {
    connectMs: options.timeouts?.connectMs ?? 10_000,
    headersMs: options.timeouts?.headersMs ?? 60_000,
    bodyMs: options.timeouts?.bodyMs ?? 300_000,
  }
  const poolOptions: Pool.Options = {
    connections: options.connections ?? 256,
    pipelining: 1,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connect:
      options.addressPolicy === undefined
        ? { timeout: timeouts.connectMs }
        : { timeout: timeouts.connectMs, lookup: createCheckedLookup(options.addressPolicy) },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
  }
  if (options.dispatcher !== undefined) {
    const dispatcher = options.dispatcher
    return { timeouts, get: () => dispatcher, close: async () => {} }
  }
  if (options.proxyUrl !== undefined) {
    const proxy = new ProxyAgent({ ...poolOptions, uri: options.proxyUrl })
    return { timeouts, get: () => proxy, close: () => proxy.close() }
  }
  const pools = new Map<string, Pool>()
  return {
    timeouts,
    get(origin) {
      let pool = pools.get(origin)
      if (pool === undefined) {
        if (options.addressPolicy !== undefined) assertOriginAllowed(origin, options.addressPolicy)
        pool = new Pool(origin, poolOptions)
        pools.set(origin, pool)
      }
      return pool
    },
    async close() {
      const closing = [...pools.values()].map((pool) => pool.close())
      pools.clear()
      await Promise.all(closing)
    },
  }
}
