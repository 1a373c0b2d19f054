// Console sessions: random ids kept only as SHA-256 digests, idle and absolute expiry, a hard cap.
import { createHash, randomBytes } from 'node:crypto'

/** One signed-in browser. */
export interface ConsoleSession {
  /** The per-session CSRF token every change must echo (form field `_csrf` or header `X-CSRF-Token`). */
  csrf: string
  createdAt: number
  lastSeenAt: number
  /** A one-shot message shown on the next page (after a redirect). */
  flash?: { kind: 'ok' | 'error'; text: string } | undefined
}

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /** Sessions kept at most; the oldest is dropped past it. Default 1000. */
  maxSessions?: number
  /** A session unused this long ends (ms). Default 1 h. */
  idleMs?: number
  /** A session ends this long after sign-in, used or not (ms). Default 12 h. */
  absoluteMs?: number
  now?: () => number
}

/** The bounded in-memory session table. */
export interface SessionStore {
  /** Starts a session; the id goes in the cookie and is never stored. */
  create(): { id: string; session: ConsoleSession }
  /** The live session of a cookie id (touching it), or undefined. */
  get(id: string | undefined): ConsoleSession | undefined
  delete(id: string | undefined): void
  /** Seconds until a new session's absolute expiry (the cookie's Max-Age). */
  readonly maxAgeSeconds: number
  readonly size: number
}

const digest = (id: string) => createHash('sha256').update(id).digest('base64url')

/**
 * Builds a session store.
 *
 * @example
 * const sessions = createSessionStore({ maxSessions: 100 })
 * const { id } = sessions.create()
 */
export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const maxSessions = options.maxSessions ?? 1000
  const idleMs = options.idleMs ?? 3_600_000
  const absoluteMs = options.absoluteMs ?? 12 * 3_600_000
  const now = options.now ?? Date.now
  if (maxSessions < 1) throw new Error('createSessionStore: maxSessions must be at least 1')
  // Insertion order is sign-in order, so the first entry is the oldest session.
  const sessions = new Map<string, ConsoleSession>()
  const isLive = (session: ConsoleSession, at: number) =>
    at - session.lastSeenAt < idleMs && at - session.createdAt < absoluteMs
  return {
    create() {
      const at = now()
      for (const [key, session] of sessions) if (!isLive(session, at)) sessions.delete(key)
      while (sessions.size >= maxSessions) {
        const oldest = sessions.keys().next().value
        if (oldest === undefined) break
        sessions.delete(oldest)
      }
      const id = randomBytes(32).toString('base64url')
      const session: ConsoleSession = {
        csrf: randomBytes(32).toString('base64url'),
        createdAt: at,
        lastSeenAt: at,
      }
      sessions.set(digest(id), session)
      return { id, session }
    },
    get(id) {
      if (id === undefined || id.length > 100) return undefined
      const key = digest(id)
      const session = sessions.get(key)
      if (session === undefined) return undefined
      const at = now()
      if (!isLive(session, at)) {
        sessions.delete(key)
        return undefined
      }
      session.lastSeenAt = at
      return session
    },
    delete(id) {
      if (id !== undefined) sessions.delete(digest(id))
    },
    maxAgeSeconds: Math.floor(absoluteMs / 1000),
    get size() {
      return sessions.size
    },
  }
}
