import { buildBundleClaims, createAuthCache, hashKey } from '@gw/auth-cache'
import { type BootstrapPage, ControlPlaneError, type ReadBootstrapPagesOptions } from '@gw/contract'
import { describe, expect, it, vi } from 'vitest'
import { bootstrapAuthCache } from './bootstrap-auth-cache.js'

const rawKey = (index: number) =>
  `lw_vk_live_01J9ZK3V7Q8R2W5X6Y7Z8A9B${String(index).padStart(2, '0')}${'s'.repeat(32)}`

type PageKey = BootstrapPage['keys'][number]

function keyOf(
  index: number,
  options: { org?: string; claimsId?: string; issuedAtMs?: number } = {},
): PageKey {
  return {
    key_hash: hashKey(rawKey(index)),
    key_id: `vk_${index}`,
    etag: `"e${index}"`,
    claims: buildBundleClaims(
      {
        vk_id: options.claimsId ?? `vk_${index}`,
        org_id: options.org ?? 'org_1',
        project_id: 'prj_1',
        team_id: null,
        principal_id: null,
        revision: '1',
        vk_expires_at: null,
      },
      { now: () => options.issuedAtMs ?? Date.now() },
    ),
    config: { project_id: 'prj_1', display_prefix: 'lw_vk_live_01J9Z' } as PageKey['config'],
  }
}

function pageOf(
  keys: Array<number | PageKey>,
  options: { next?: string | null; org?: string; revision?: string } = {},
): BootstrapPage {
  const org = options.org ?? 'org_1'
  return {
    keys: keys.map((each) => (typeof each === 'number' ? keyOf(each, { org }) : each)),
    projects: {
      prj_1: {
        project_otlp_token: null,
        providers: [{ id: 'p1', type: 'openai', credentials: { api_key: 'sk' } }],
      },
    } as BootstrapPage['projects'],
    revisions: { [org]: options.revision ?? '7' },
    next_after: options.next ?? null,
  }
}

// Pages in order, each a page, an error to throw, or a function producing one (sees the signal).
function fakeClient(
  pages: Array<BootstrapPage | Error | ((signal?: AbortSignal) => Promise<BootstrapPage>)>,
) {
  const calls: ReadBootstrapPagesOptions[] = []
  return {
    calls,
    client: {
      readBootstrapPages: vi.fn(async function* (options: ReadBootstrapPagesOptions) {
        calls.push(options)
        for (const next of pages) {
          if (next instanceof Error) throw next
          yield typeof next === 'function' ? await next(options.signal) : next
        }
      }),
    },
  }
}

const cacheFor = (maxEntries = 100) => createAuthCache({ resolve: vi.fn(), maxEntries })
const defaults = { watch: () => {}, capacity: 100, timeoutMs: 5_000 }

describe('bootstrapAuthCache', () => {
  it('primes every key of every page and starts each feed at the earliest revision read', async () => {
    const { client, calls } = fakeClient([
      pageOf([1, 2], { next: 'vk_2', revision: '7' }),
      pageOf([3], { revision: '9' }),
    ])
    const cache = cacheFor()
    const watch = vi.fn()
    const result = await bootstrapAuthCache({ ...defaults, client, cache, watch, pageSize: 500 })
    expect(result).toMatchObject({ complete: true, pages: 2, primed: 3, kept: 0, rejected: 0 })
    expect(calls).toHaveLength(1)
    expect(calls[0]?.limit).toBe(500)
    expect(watch.mock.calls).toEqual([['org_1', '7']])
    const key = cache.peek(rawKey(3))
    expect(key).toMatchObject({ claims: { vk_id: 'vk_3', org_id: 'org_1' }, etag: '"e3"', jwt: null })
    expect(key?.config.providers[0]).toMatchObject({ id: 'p1' })
    expect(key?.config.project_otlp_token).toBeNull()
    // Pages of one project share one providers array.
    expect(cache.peek(rawKey(1))?.config.providers).toBe(key?.config.providers)
  })

  it('keeps keys a request cached meanwhile and rejects expired claims or claims of another key', async () => {
    const cache = cacheFor()
    const cached = keyOf(1)
    cache.prime(cached.key_hash, {
      claims: cached.claims,
      jwt: null,
      etag: null,
      config: { ...cached.config, providers: [], project_otlp_token: null },
    })
    const expired = keyOf(4, { issuedAtMs: Date.now() - 3_600_000 })
    const mismatched = keyOf(5, { claimsId: 'vk_other' })
    const { client } = fakeClient([pageOf([1, 2, expired, mismatched])])
    const logs: string[] = []
    const logger = { info: vi.fn(), warn: (_fields: unknown, message: string) => logs.push(message) }
    const result = await bootstrapAuthCache({ ...defaults, client, cache, logger })
    expect(result).toMatchObject({ complete: true, primed: 1, kept: 1, rejected: 2 })
    expect(cache.peek(rawKey(4))).toBeUndefined()
    expect(cache.peek(rawKey(5))).toBeUndefined()
    expect(logs).toContain('auth_cache_bootstrap_rejected')
  })

  it('stops at the cache capacity rather than evicting', async () => {
    const cache = cacheFor(2)
    const { client } = fakeClient([pageOf([1, 2, 3], { next: 'vk_3' }), pageOf([4])])
    const result = await bootstrapAuthCache({ ...defaults, client, cache, capacity: 2 })
    expect(result).toMatchObject({ complete: false, stoppedBy: 'cache_full', primed: 2 })
    expect(cache.size).toBe(2)
  })

  it('ends early without throwing: unsupported endpoint, outage, timeout; what was primed stays', async () => {
    const notFound = new ControlPlaneError('internal_error', 'control plane answered 404', {
      kind: 'rejected',
      upstreamStatus: 404,
    })
    const unsupported = await bootstrapAuthCache({
      ...defaults,
      client: fakeClient([notFound]).client,
      cache: cacheFor(),
    })
    expect(unsupported).toMatchObject({ complete: false, stoppedBy: 'unsupported', pages: 0, primed: 0 })

    const cache = cacheFor()
    const watch = vi.fn()
    const outage = await bootstrapAuthCache({
      ...defaults,
      client: fakeClient([pageOf([1], { next: 'vk_1' }), new Error('ECONNRESET')]).client,
      cache,
      watch,
    })
    expect(outage).toMatchObject({ complete: false, stoppedBy: 'failed', pages: 1, primed: 1 })
    expect(cache.peek(rawKey(1))).toBeDefined()
    expect(watch).toHaveBeenCalledWith('org_1', '7')

    const hanging = fakeClient([
      (signal) =>
        new Promise<BootstrapPage>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
        }),
    ])
    const timedOut = await bootstrapAuthCache({
      ...defaults,
      client: hanging.client,
      cache: cacheFor(),
      timeoutMs: 50,
    })
    expect(timedOut).toMatchObject({ complete: false, stoppedBy: 'timeout' })
  })
})
