// Finds the project of an OTLP token: tokens are sealed at rest, so an index of their digests is kept.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { SecretBox } from '../crypto/secret-box.js'
import type { Queryable } from '../db/database.js'
import type { Clock } from '../shared/time.js'

/** Options of {@link createProjectTokenIndex}. */
export interface ProjectTokenIndexOptions {
  db: Queryable
  box: SecretBox
  now: Clock
  /** Least milliseconds between two rebuilds triggered by unknown tokens. Default 5000. */
  rebuildIntervalMs?: number
}

/** Resolves a presented token to its project id, or undefined. */
export interface ProjectTokenIndex {
  resolve(token: string): Promise<string | undefined>
}

function digestOf(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

/**
 * Creates the index. A token unknown to the index triggers a rebuild (open every sealed token,
 * keep its SHA-256), at most once per `rebuildIntervalMs`, so a flood of wrong tokens costs
 * one scan per interval. The digest found is compared in constant time before it counts.
 *
 * @example
 * const projectId = await index.resolve(c.req.header('x-auth-token') ?? '')
 */
export function createProjectTokenIndex(options: ProjectTokenIndexOptions): ProjectTokenIndex {
  const interval = options.rebuildIntervalMs ?? 5_000
  let byDigest = new Map<string, { digest: Buffer; projectId: string }>()
  let builtAt = Number.NEGATIVE_INFINITY
  let building: Promise<void> | undefined

  async function rebuild(): Promise<void> {
    const { rows } = await options.db.query<{ id: string; otlp_token_sealed: string }>(
      'select id, otlp_token_sealed from projects where otlp_token_sealed is not null',
    )
    const next = new Map<string, { digest: Buffer; projectId: string }>()
    for (const row of rows) {
      const digest = digestOf(options.box.open(row.otlp_token_sealed, row.id))
      next.set(digest.toString('hex'), { digest, projectId: row.id })
    }
    byDigest = next
    builtAt = options.now()
  }

  function lookup(digest: Buffer): string | undefined {
    const entry = byDigest.get(digest.toString('hex'))
    return entry !== undefined && timingSafeEqual(entry.digest, digest) ? entry.projectId : undefined
  }

  return {
    async resolve(token) {
      if (token === '') return undefined
      const digest = digestOf(token)
      const found = lookup(digest)
      if (found !== undefined) return found
      if (options.now() - builtAt < interval) return undefined
      building ??= rebuild().finally(() => {
        building = undefined
      })
      await building
      return lookup(digest)
    },
  }
}
