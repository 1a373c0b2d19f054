// The change feed: one long-poll loop per organisation seen, evicting what each change touches.
import type { Change, ControlPlaneClient } from '@gw/contract'

/** Where the feed reports; the logger of the gateway fits. */
export interface ChangeFeedLogger {
  warn(fields: Record<string, unknown>, message: string): void
  debug(fields: Record<string, unknown>, message: string): void
}

/** What {@link createChangeFeed} needs. */
export interface ChangeFeedOptions {
  client: Pick<ControlPlaneClient, 'getChanges'>
  /** Drops one key's cached entries. */
  evictKey: (vkId: string) => void
  /** Drops every cached key of one organisation (provider, budget, cache-rule or routing changes). */
  evictOrganization: (organizationId: string) => void
  logger?: ChangeFeedLogger
  /** Long-poll timeout asked of the control plane, clamped by it to 1–25 s. Default 25. */
  timeoutSeconds?: number
  /** First and largest wait after a failed poll. Defaults 500 ms and 30 s. */
  backoffMs?: { initial: number; max: number }
  /** Injected for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
}

/** A running change feed. */
export interface ChangeFeed {
  /**
   * Starts watching an organisation from revision `since` (default `0`: the whole history).
   * Watching it again never starts a second loop; an explicit `since` earlier than the loop's
   * rewinds it, so its next poll replays from there.
   */
  watch(organizationId: string, since?: string): void
  /**
   * Starts watching an organisation from `since` (the revision a just-resolved key's bundle
   * carried) when it is not watched yet; never rewinds a running loop, so a key resolved on a
   * miss never replays history nor evicts what is cached.
   */
  start(organizationId: string, since: string): void
  /** Organisations being watched. */
  readonly organizations: ReadonlySet<string>
  /** Stops every loop and waits for them to end. */
  close(): Promise<void>
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    timer.unref()
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * Applies one change of organisation `organizationId` to the cache. VK_* changes name a key;
 * anything else may touch every config of that organisation, and of no other. A creation touches
 * nothing cached (an entry resolved since is already current), and evicting it would drop a key
 * the gateway may have to serve stale through a control-plane outage.
 */
export function applyChange(
  change: Change,
  organizationId: string,
  evict: Pick<ChangeFeedOptions, 'evictKey' | 'evictOrganization'>,
): void {
  if (change.kind === 'VK_CREATED') return
  if (change.kind.startsWith('VK_') && change.virtual_key_id) evict.evictKey(change.virtual_key_id)
  else if (!change.kind.startsWith('VK_')) evict.evictOrganization(organizationId)
}

// Revisions are decimal strings in both control planes; anything else is taken as given.
function isEarlier(candidate: string, than: string): boolean {
  if (!/^\d+$/.test(candidate) || !/^\d+$/.test(than)) return candidate !== than
  return BigInt(candidate) < BigInt(than)
}

/**
 * Creates the change feed. Each watched organisation gets its own loop, so a slow organisation
 * never delays another; failures back off exponentially with jitter and never stop the loop.
 *
 * @example
 * const feed = createChangeFeed({
 *   client,
 *   evictKey: (id) => cache.evictByKeyId(id),
 *   evictOrganization: (id) => cache.evictByOrganization(id),
 * })
 * feed.watch(claims.org_id)
 */
export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const controller = new AbortController()
  const loops = new Map<string, Promise<void>>()
  // Where each loop's next poll starts; watch() may move it back.
  const cursors = new Map<string, string>()
  const timeoutSeconds = options.timeoutSeconds ?? 25
  const backoff = options.backoffMs ?? { initial: 500, max: 30_000 }
  const sleep = options.sleep ?? abortableSleep

  async function run(organizationId: string): Promise<void> {
    let failures = 0
    while (!controller.signal.aborted) {
      const since = cursors.get(organizationId) ?? '0'
      try {
        const answer = await options.client.getChanges({
          organizationId,
          since,
          timeoutSeconds,
          signal: controller.signal,
        })
        for (const change of answer.changes) applyChange(change, organizationId, options)
        if (answer.changes.length > 0) {
          options.logger?.debug({ organizationId, changes: answer.changes.length }, 'change_feed_applied')
        }
        // A rewind asked for while this poll was out wins over the answer's revision.
        if (cursors.get(organizationId) === since)
          cursors.set(organizationId, answer.currentRevision || since)
        failures = 0
      } catch (error) {
        if (controller.signal.aborted) return
        failures += 1
        const ceiling = Math.min(backoff.max, backoff.initial * 2 ** Math.min(failures - 1, 16))
        const wait = Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
        options.logger?.warn(
          { organizationId, failures, retryInMs: wait, err: (error as Error).message },
          'change_feed_poll_failed',
        )
        await sleep(wait, controller.signal)
      }
    }
  }

  return {
    watch(organizationId, since) {
      if (controller.signal.aborted) return
      const cursor = cursors.get(organizationId)
      if (cursor === undefined) cursors.set(organizationId, since ?? '0')
      else if (since !== undefined && isEarlier(since, cursor)) cursors.set(organizationId, since)
      if (!loops.has(organizationId)) loops.set(organizationId, run(organizationId))
    },
    start(organizationId, since) {
      if (!cursors.has(organizationId)) this.watch(organizationId, since)
    },
    get organizations() {
      return new Set(loops.keys())
    },
    async close() {
      controller.abort()
      await Promise.allSettled(loops.values())
    },
  }
}
