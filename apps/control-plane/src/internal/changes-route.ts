// GET /api/internal/gateway/changes: long poll on an organization's change feed.
import { CHANGES_TIMEOUT_BOUNDS, GatewayError, REVISION_HEADER } from '@gw/contract'
import type { Handler } from 'hono'
import * as v from 'valibot'
import { currentRevision, listChangesSince } from '../changes/change-log.js'
import { validate } from '../http/parse-body.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import type { InternalEnv } from './internal-env.js'

/** Options for {@link createChangesHandler}. */
export interface ChangesHandlerOptions {
  /** Longest wait in ms (`CONTROL_PLANE_CHANGES_MAX_WAIT`); `timeout_s` is clamped to 1 s … this. */
  maxWaitMs: number
  /**
   * How often a waiting poll re-reads the feed even without an in-process notification, so
   * replicas sharing one PostgreSQL database see each other's changes. Default: 2000 ms.
   */
  recheckMs?: number
  /** Most changes in one answer. Default: 500. */
  pageSize?: number
}

const integerText = v.pipe(
  v.string(),
  v.regex(/^\d{1,15}$/, 'must be a non-negative integer'),
  v.transform(Number),
)
const querySchema = v.object({
  // LangWatch's gateway may poll before any key resolved, without an organization: 204 at once.
  organization_id: v.optional(v.string(), ''),
  since: v.optional(integerText, '0'),
  timeout_s: v.optional(
    v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/, 'must be a number of seconds'), v.transform(Number)),
  ),
})

/**
 * Builds the long-poll handler: 200 `{current_revision, changes}` as soon as the feed has
 * entries after `since` (also when `since` is ahead of the feed, so a gateway resyncs after a
 * reset), else 204 with `X-LangWatch-Revision` when the wait ends. A client that goes away
 * ends its wait at once.
 *
 * @example
 * internal.get('/changes', createChangesHandler(deps, { maxWaitMs: 25_000 }))
 */
export function createChangesHandler(
  deps: ControlPlaneDeps,
  options: ChangesHandlerOptions,
): Handler<InternalEnv> {
  const recheckMs = options.recheckMs ?? 2_000
  const pageSize = options.pageSize ?? 500
  const maxSeconds = Math.min(options.maxWaitMs / 1000, CHANGES_TIMEOUT_BOUNDS.max)
  return async (c) => {
    const query = validate(querySchema, c.req.query())
    const organizationId = query.organization_id
    if (organizationId === '') return c.body(null, 204, { [REVISION_HEADER]: String(query.since) })
    const timeoutSeconds = Math.min(
      Math.max(query.timeout_s ?? maxSeconds, CHANGES_TIMEOUT_BOUNDS.min),
      maxSeconds,
    )
    const deadline = Date.now() + timeoutSeconds * 1000
    const gone = new AbortController()
    const onClose = () => gone.abort()
    c.env.outgoing.once('close', onClose)
    try {
      for (;;) {
        const seenVersion = deps.notifier.version(organizationId)
        const current = await currentRevision(deps.db, organizationId)
        if (current === null) {
          throw new GatewayError('not_found', `Organization "${organizationId}" not found`, {
            meta: { organization_id: organizationId },
          })
        }
        const changes = await listChangesSince(deps.db, organizationId, query.since, pageSize)
        if (changes.length > 0 || query.since > current) {
          // A full page may not reach `current`: report the last revision sent so the next poll continues from it.
          const last = changes.length === pageSize ? (changes.at(-1)?.revision ?? current) : current
          return c.json({
            current_revision: String(last),
            changes: changes.map((change) => ({ ...change, revision: String(change.revision) })),
          })
        }
        const remaining = deadline - Date.now()
        if (remaining <= 0 || gone.signal.aborted) {
          return c.body(null, 204, { [REVISION_HEADER]: String(current) })
        }
        await deps.notifier.wait(organizationId, Math.min(remaining, recheckMs), {
          signal: gone.signal,
          seenVersion,
        })
        // The client left (or the server is closing): no one reads an answer, and the database
        // may be closing too, so do not query it again.
        if (gone.signal.aborted) return c.body(null, 204, { [REVISION_HEADER]: String(current) })
      }
    } finally {
      c.env.outgoing.off('close', onClose)
    }
  }
}
