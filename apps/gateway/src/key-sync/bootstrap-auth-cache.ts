// The bootstrap pull: every active key from the control plane into the auth cache before /startupz.
import type { AuthCache, ResolvedEntry } from '@gw/auth-cache'
import type { BootstrapPage, BootstrapProject, ControlPlaneClient, GatewayKeyConfig } from '@gw/contract'

/** Where the bootstrap reports; the gateway's logger fits. */
export interface BootstrapLogger {
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
}

/** What {@link bootstrapAuthCache} needs. */
export interface BootstrapAuthCacheOptions {
  client: Pick<ControlPlaneClient, 'readBootstrapPages'>
  cache: Pick<AuthCache, 'prime' | 'size'>
  /** Starts (or rewinds) an organisation's change feed at the revision its snapshot was read at. */
  watch: (organizationId: string, since: string) => void
  /** Most keys to hold (`LW_GATEWAY_AUTH_CACHE_LRU_SIZE`): the pull stops there rather than evict. */
  capacity: number
  /** `LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_TIMEOUT`: the pull gives up after this, keeping what it has. */
  timeoutMs: number
  /** Keys per page. Default 2000. */
  pageSize?: number
  logger?: BootstrapLogger
  /** Wall clock in ms, for claim expiry. Default `Date.now`. */
  clock?: () => number
  /** Monotonic clock in ms, for the duration. Default `performance.now`. */
  now?: () => number
}

/** How a bootstrap pull ended. */
export interface BootstrapResult {
  /** True when every page was read. */
  complete: boolean
  /** Why it stopped early: `unsupported`, `timeout`, `cache_full` or `failed`. */
  stoppedBy?: 'unsupported' | 'timeout' | 'cache_full' | 'failed'
  pages: number
  /** Keys stored in the cache. */
  primed: number
  /** Keys already cached (resolved by a request meanwhile) or recently refused: left as they were. */
  kept: number
  /** Keys whose claims had expired or named another key: not cached. */
  rejected: number
  durationMs: number
  /** Of that, time spent waiting for pages (the control plane's share, with the transfer). */
  waitedMs: number
}

// A page's projects are parsed anew each time: keep one copy per project so 50,000 keys of one
// project share one providers array instead of holding a copy per page.
function createProjectInterner() {
  const seen = new Map<string, { json: string; project: BootstrapProject }>()
  return (id: string, project: BootstrapProject): BootstrapProject => {
    const json = JSON.stringify(project)
    const known = seen.get(id)
    if (known?.json === json) return known.project
    seen.set(id, { json, project })
    return project
  }
}

/**
 * Reads `/bootstrap` page by page (the client asks for the next page while this one is checked,
 * parsed and stored) and primes the cache with every key. The client has checked each page's
 * response signature, which stands in for one JWT per key. Never throws: a control plane without
 * the endpoint, a timeout or an outage end the pull early, the keys primed so far stay, and the
 * rest resolve on first use as without a bootstrap. Each organisation seen gets its
 * change feed started at the earliest revision a page of it was read at, so nothing that changed
 * during the pull is missed.
 *
 * @example
 * const result = await bootstrapAuthCache({ client, cache, watch: feed.watch, capacity: 50_000, timeoutMs: 30_000 })
 */
export async function bootstrapAuthCache(options: BootstrapAuthCacheOptions): Promise<BootstrapResult> {
  const now = options.now ?? (() => performance.now())
  const clock = options.clock ?? Date.now
  const startedAt = now()
  const pageSize = options.pageSize ?? 2_000
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs)
  timer.unref()
  const intern = createProjectInterner()
  const revisions = new Map<string, string>()
  const result: BootstrapResult = {
    complete: false,
    pages: 0,
    primed: 0,
    kept: 0,
    rejected: 0,
    durationMs: 0,
    waitedMs: 0,
  }
  let firstRejection: string | undefined

  function primePage(page: BootstrapPage): boolean {
    for (const [organizationId, revision] of Object.entries(page.revisions)) {
      if (!revisions.has(organizationId)) revisions.set(organizationId, revision)
    }
    const nowSeconds = clock() / 1000
    // Each project of the page is interned once, not once per key.
    const pageProjects = new Map<string, BootstrapProject>()
    const projectOf = (id: string): BootstrapProject | undefined => {
      let shared = pageProjects.get(id)
      if (shared === undefined) {
        const project = page.projects[id]
        if (project === undefined) return undefined
        shared = intern(id, project)
        pageProjects.set(id, shared)
      }
      return shared
    }
    for (const key of page.keys) {
      if (options.cache.size >= options.capacity) return false
      // The page signature vouches for the claims; what a JWT verifier would also check is left.
      const problem =
        key.claims.vk_id !== key.key_id
          ? 'claims name another key'
          : key.claims.exp <= nowSeconds
            ? 'expired'
            : null
      if (problem !== null) {
        result.rejected += 1
        firstRejection ??= problem
        continue
      }
      const shared = key.config.project_id === null ? undefined : projectOf(key.config.project_id)
      // The parsed page is ours: complete its config in place rather than copy it per key.
      const config = key.config as GatewayKeyConfig
      config.providers = shared?.providers ?? []
      config.project_otlp_token = shared?.project_otlp_token ?? null
      const entry: ResolvedEntry = { claims: key.claims, jwt: null, etag: key.etag, config }
      if (options.cache.prime(key.key_hash, entry)) result.primed += 1
      else result.kept += 1
    }
    return true
  }

  try {
    let waitStartedAt = now()
    for await (const page of options.client.readBootstrapPages({
      limit: pageSize,
      signal: deadline.signal,
    })) {
      result.waitedMs += now() - waitStartedAt
      result.pages += 1
      if (!primePage(page)) {
        result.stoppedBy = 'cache_full'
        break
      }
      waitStartedAt = now()
    }
    result.complete = result.stoppedBy === undefined
  } catch (error) {
    const status = (error as { upstreamStatus?: number }).upstreamStatus
    result.stoppedBy = deadline.signal.aborted ? 'timeout' : status === 404 ? 'unsupported' : 'failed'
    options.logger?.warn(
      { stopped_by: result.stoppedBy, pages: result.pages, err: (error as Error).message },
      result.stoppedBy === 'unsupported' ? 'auth_cache_bootstrap_unsupported' : 'auth_cache_bootstrap_failed',
    )
  } finally {
    clearTimeout(timer)
    deadline.abort()
  }
  for (const [organizationId, revision] of revisions) options.watch(organizationId, revision)
  result.durationMs = Math.round(now() - startedAt)
  result.waitedMs = Math.round(result.waitedMs)
  if (result.stoppedBy === 'cache_full') {
    options.logger?.warn(
      { capacity: options.capacity, hint: 'raise LW_GATEWAY_AUTH_CACHE_LRU_SIZE to hold every key' },
      'auth_cache_bootstrap_truncated',
    )
  }
  if (result.rejected > 0) {
    options.logger?.warn(
      { rejected: result.rejected, first_reason: firstRejection },
      'auth_cache_bootstrap_rejected',
    )
  }
  options.logger?.info(
    {
      complete: result.complete,
      pages: result.pages,
      primed: result.primed,
      kept: result.kept,
      rejected: result.rejected,
      duration_ms: result.durationMs,
      waited_ms: result.waitedMs,
    },
    'auth_cache_bootstrapped',
  )
  return result
}
