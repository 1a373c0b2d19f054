// In-process wake-ups for /changes long polls: a commit to an organization's feed wakes its waiters.

/** Wakes long-poll waiters of one organization when its change feed grows. */
export interface ChangeNotifier {
  /** Call after the transaction that appended the change has committed. */
  notify(organizationId: string): void
  /**
   * A counter that moves on every notify for the organization. Read it before reading the
   * feed and pass it to {@link ChangeNotifier.wait}, so a commit landing in between is not missed.
   */
  version(organizationId: string): number
  /**
   * Resolves `true` on the next notify for the organization (at once if one happened since
   * `seenVersion`), `false` when `timeoutMs` passes or `signal` aborts first.
   */
  wait(
    organizationId: string,
    timeoutMs: number,
    options?: { signal?: AbortSignal; seenVersion?: number },
  ): Promise<boolean>
  /** Number of waiting requests, for health output. */
  readonly waiting: number
}

/**
 * Creates a {@link ChangeNotifier}. Other replicas sharing a PostgreSQL database are not
 * notified; the /changes handler also re-reads the feed at a bounded interval for them.
 *
 * @example
 * const notifier = createChangeNotifier()
 * const seen = notifier.version(orgId)
 * // … read the feed; nothing new …
 * const woke = await notifier.wait(orgId, 25_000, { signal, seenVersion: seen })
 */
export function createChangeNotifier(): ChangeNotifier {
  const waiters = new Map<string, Set<() => void>>()
  const versions = new Map<string, number>()
  let waiting = 0
  return {
    notify(organizationId) {
      versions.set(organizationId, (versions.get(organizationId) ?? 0) + 1)
      const set = waiters.get(organizationId)
      if (set === undefined) return
      waiters.delete(organizationId)
      for (const wake of set) wake()
    },
    version(organizationId) {
      return versions.get(organizationId) ?? 0
    },
    wait(organizationId, timeoutMs, { signal, seenVersion } = {}) {
      return new Promise<boolean>((resolve) => {
        if (seenVersion !== undefined && seenVersion !== (versions.get(organizationId) ?? 0))
          return resolve(true)
        if (signal?.aborted === true) return resolve(false)
        let set = waiters.get(organizationId)
        if (set === undefined) {
          set = new Set()
          waiters.set(organizationId, set)
        }
        let settled = false
        const finish = (woken: boolean) => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
          const current = waiters.get(organizationId)
          current?.delete(wake)
          if (current?.size === 0) waiters.delete(organizationId)
          waiting -= 1
          resolve(woken)
        }
        const wake = () => finish(true)
        const onAbort = () => finish(false)
        const timer = setTimeout(() => finish(false), timeoutMs)
        set.add(wake)
        waiting += 1
        signal?.addEventListener('abort', onAbort, { once: true })
      })
    },
    get waiting() {
      return waiting
    },
  }
}
