import type { BudgetConfig } from '@gw/contract'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileBudgetPlan } from '../budgets/compile-budget-plan.js'
import { redisUnavailableReason, startTestRedis, type TestRedis } from '../testing/start-test-redis.js'
import { createRedisGovernor, type RedisGovernor } from './redis-governor.js'

const unavailable = redisUnavailableReason()
const now = Date.UTC(2026, 11, 6, 12, 0, 15)

function budget(overrides: Partial<BudgetConfig> = {}): BudgetConfig {
  return {
    id: `bud_${Math.random().toString(36).slice(2, 10)}`,
    scope: 'virtual_key',
    scope_id: 'vk_1',
    provider_key: null,
    window: 'month',
    limit_micro_usd: 10_000,
    spent_micro_usd: 0,
    resets_at: Date.UTC(2027, 0, 1) / 1000,
    on_breach: 'block',
    ...overrides,
  }
}

describe.skipIf(unavailable !== null)(
  `Redis-shared budgets and limits${unavailable === null ? '' : ` (skipped: ${unavailable})`}`,
  () => {
    let redis: TestRedis
    const clients: Redis[] = []
    let replicas: RedisGovernor[] = []

    beforeAll(async () => {
      redis = await startTestRedis()
      // Three "replicas": three clients, three governors, one Redis.
      replicas = [0, 1, 2].map(() => {
        const client = new Redis(redis.url, { enableOfflineQueue: true, maxRetriesPerRequest: 1 })
        clients.push(client)
        return createRedisGovernor({ client })
      })
    })
    afterAll(async () => {
      for (const client of clients) client.disconnect()
      await redis?.stop()
    })

    it('admits exactly 10 of 500 concurrent requests spread over three replicas', async () => {
      const plan = compileBudgetPlan([budget()])
      const outcomes = await Promise.all(
        Array.from({ length: 500 }, (_, index) =>
          replicas[index % 3]!.admit({
            keyId: 'vk_a',
            limits: null,
            estimatedTokens: 0,
            plan,
            estimateMicroUsd: 1_000,
            nowMs: now,
          }),
        ),
      )
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(10)
      const refused = outcomes.find((outcome) => !outcome.ok)
      expect(refused).toMatchObject({ refusal: 'budget', breach: { usedMicroUsd: 10_000 } })
    })

    it('admits exactly RPM 60 of 200 across replicas, with the time to the minute as Retry-After', async () => {
      const limits = { rpm: 60, rpd: null, tpm: null }
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          replicas[index % 3]!.admit({
            keyId: 'vk_rpm',
            limits,
            estimatedTokens: 0,
            plan: null,
            estimateMicroUsd: 0,
            nowMs: now,
          }),
        ),
      )
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(60)
      expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({
        refusal: 'rate_limit',
        dimension: 'rpm',
        retryAfterS: 45,
      })
    })

    it('settles to the actual cost, releases failures and rolls the window over by time', async () => {
      const plan = compileBudgetPlan([budget({ window: 'minute', resets_at: null })])!
      const [a, b] = replicas as [RedisGovernor, RedisGovernor]
      const first = await a.admit({
        keyId: 'k',
        limits: null,
        estimatedTokens: 0,
        plan,
        estimateMicroUsd: 6_000,
        nowMs: now,
      })
      const second = await b.admit({
        keyId: 'k',
        limits: null,
        estimatedTokens: 0,
        plan,
        estimateMicroUsd: 6_000,
        nowMs: now,
      })
      expect(second.ok).toBe(false)
      if (!first.ok || first.reservation === null) throw new Error('expected a reservation')
      await a.settle(first.reservation, 9_000, null, now)
      expect(
        (
          await b.admit({
            keyId: 'k',
            limits: null,
            estimatedTokens: 0,
            plan,
            estimateMicroUsd: 1_001,
            nowMs: now,
          })
        ).ok,
      ).toBe(false)
      const third = await b.admit({
        keyId: 'k',
        limits: null,
        estimatedTokens: 0,
        plan,
        estimateMicroUsd: 1_000,
        nowMs: now,
      })
      if (!third.ok || third.reservation === null) throw new Error('expected a reservation')
      expect(third.warning).toBe('virtual_key:100')
      await b.release(third.reservation, now)
      expect(
        (
          await a.admit({
            keyId: 'k',
            limits: null,
            estimatedTokens: 0,
            plan,
            estimateMicroUsd: 1_000,
            nowMs: now,
          })
        ).ok,
      ).toBe(true)
      const nextMinute = now + 60_000
      expect(
        (
          await a.admit({
            keyId: 'k',
            limits: null,
            estimatedTokens: 0,
            plan,
            estimateMicroUsd: 9_000,
            nowMs: nextMinute,
          })
        ).ok,
      ).toBe(true)
    })

    it('raises shared spend to the control plane figure, never lowers it', async () => {
      const config = budget({ spent_micro_usd: 9_500 })
      const plan = compileBudgetPlan([config])!
      await replicas[0]!.reconcile(plan, now)
      expect(
        (
          await replicas[1]!.admit({
            keyId: 'r',
            limits: null,
            estimatedTokens: 0,
            plan,
            estimateMicroUsd: 600,
            nowMs: now,
          })
        ).ok,
      ).toBe(false)
      await replicas[2]!.reconcile(compileBudgetPlan([{ ...config, spent_micro_usd: 0 }])!, now)
      expect(
        (
          await replicas[1]!.admit({
            keyId: 'r',
            limits: null,
            estimatedTokens: 0,
            plan,
            estimateMicroUsd: 500,
            nowMs: now,
          })
        ).ok,
      ).toBe(true)
    })

    it('counts the TPM input estimate on admit and settles it to the actual tokens', async () => {
      const limits = { rpm: null, rpd: null, tpm: 1_000 }
      const admitTokens = (replica: RedisGovernor, estimatedTokens: number, nowMs = now) =>
        replica.admit({ keyId: 'vk_tpm', limits, estimatedTokens, plan: null, estimateMicroUsd: 0, nowMs })
      const first = await admitTokens(replicas[0]!, 600)
      if (!first.ok || first.tokens === null) throw new Error('expected a TPM admission')
      expect(first.tokensThisMinute).toBe(600)
      // 600 estimated + 600 more would pass 1,000: refused before the estimate is settled.
      expect((await admitTokens(replicas[1]!, 600)).ok).toBe(false)
      await replicas[0]!.settleTokens(first.tokens, 150, now)
      const second = await admitTokens(replicas[1]!, 600)
      expect(second).toMatchObject({ ok: true, tokensThisMinute: 750 })
      // Once only: a second settle of the same admission changes nothing.
      await replicas[0]!.settleTokens(first.tokens, 0, now)
      expect(await admitTokens(replicas[2]!, 200)).toMatchObject({ ok: true, tokensThisMinute: 950 })
      // A settle after its minute is over leaves the new minute alone.
      if (!second.ok || second.tokens === null) throw new Error('expected a TPM admission')
      const nextMinute = now + 60_000
      const fresh = await admitTokens(replicas[0]!, 100, nextMinute)
      await replicas[1]!.settleTokens(second.tokens, 0, nextMinute)
      expect(await admitTokens(replicas[2]!, 100, nextMinute)).toMatchObject({ tokensThisMinute: 200 })
      expect(fresh.ok).toBe(true)
    })

    it('keeps one shared bucket per end user of a template across replicas', async () => {
      const plan = compileBudgetPlan([budget({ per_end_user: true, limit_micro_usd: 3_000 })])!
      const admit = (replica: RedisGovernor, endUserId: string) =>
        replica.admit({
          keyId: 'vk_eu',
          limits: null,
          estimatedTokens: 0,
          plan,
          estimateMicroUsd: 1_000,
          nowMs: now,
          endUserId,
        })
      const alice = await Promise.all(Array.from({ length: 12 }, (_, i) => admit(replicas[i % 3]!, 'alice')))
      expect(alice.filter((outcome) => outcome.ok)).toHaveLength(3)
      expect(alice.find((outcome) => !outcome.ok)).toMatchObject({ breach: { endUserId: 'alice' } })
      const bob = await Promise.all(Array.from({ length: 12 }, (_, i) => admit(replicas[i % 3]!, 'bob')))
      expect(bob.filter((outcome) => outcome.ok)).toHaveLength(3)
      // A settle charges the end user's own bucket in the current window.
      const carol = await admit(replicas[0]!, 'carol')
      if (!carol.ok || carol.reservation === null) throw new Error('expected a reservation')
      await replicas[1]!.settle(carol.reservation, 2_500, null, now)
      expect((await admit(replicas[2]!, 'carol')).ok).toBe(false)
      await replicas[0]!.reconcileEndUser(plan.budgets[0]!, 'erin', 2_800, now)
      expect((await admit(replicas[1]!, 'erin')).ok).toBe(false)
      expect((await admit(replicas[1]!, 'frank')).ok).toBe(true)
    })

    it("warns from a budget's own warn_ratio, else the governor's default (0.8)", async () => {
      const plan = compileBudgetPlan([budget({ warn_ratio: 0.3 }), budget({ scope: 'project' })])
      const admit = (estimateMicroUsd: number) =>
        replicas[0]!.admit({
          keyId: 'w',
          limits: null,
          estimatedTokens: 0,
          plan,
          estimateMicroUsd,
          nowMs: now,
        })
      expect(await admit(2_000)).toMatchObject({ ok: true, warning: null })
      expect(await admit(1_500)).toMatchObject({ ok: true, warning: 'virtual_key:35' })
      expect(await admit(4_500)).toMatchObject({ ok: true, warning: 'virtual_key:80,project:80' })
    })

    it('rejects promptly, without hanging, when Redis is gone', async () => {
      const other = await startTestRedis()
      const client = new Redis(other.url, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        lazyConnect: false,
      })
      await new Promise((resolve) => client.once('ready', resolve))
      const governor = createRedisGovernor({ client })
      await other.stop()
      await new Promise((resolve) => setTimeout(resolve, 100))
      const started = Date.now()
      await expect(
        governor.admit({
          keyId: 'x',
          limits: { rpm: 1, rpd: null, tpm: null },
          estimatedTokens: 0,
          plan: null,
          estimateMicroUsd: 0,
          nowMs: now,
        }),
      ).rejects.toThrow()
      expect(Date.now() - started).toBeLessThan(2_000)
      client.disconnect()
    })
  },
)
