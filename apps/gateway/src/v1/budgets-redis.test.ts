// End to end: three gateways sharing budgets and rate limits through Redis, and Redis dying mid-load.

import { redisUnavailableReason, startTestRedis, type TestRedis } from '@gw/budget/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StackGateway, TestStack } from '../test-utils/start-stack.js'
import { startStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1 } from '../test-utils/v1-http.js'

const unavailable = redisUnavailableReason()
// max_tokens 1: the mock's reply costs more than the estimate, so settling frees no room.
const body = { ...chatBody(), max_tokens: 1 }
const estimateMicroUsd = Math.ceil(Math.ceil(JSON.stringify(body).length / 4) * 0.15 + 0.6 - 1e-9)

describe.skipIf(unavailable !== null)(
  `budgets shared by replicas through Redis${unavailable === null ? '' : ` (skipped: ${unavailable})`}`,
  () => {
    let redis: TestRedis
    let stack: TestStack
    let gateways: string[] = []
    const extra: StackGateway[] = []

    beforeAll(async () => {
      redis = await startTestRedis()
      const env = { GATEWAY_REDIS_URL: redis.url }
      stack = await startStack({ gatewayEnv: env, mock: { latencyMs: 1_000 } })
      extra.push(await stack.startGateway(env), await stack.startGateway(env))
      gateways = [stack.gateway.url, ...extra.map((gateway) => gateway.gateway.url)]
    })
    afterAll(async () => {
      for (const gateway of extra) await gateway.close()
      await stack?.close()
      await redis?.stop()
    })

    it('admits exactly 10 of 500 concurrent requests spread over three gateways', async () => {
      const { id, key } = await stack.createKey()
      await stack.admin.request('POST', '/budgets', {
        scope: 'virtual_key',
        scope_id: id,
        window: 'month',
        limit_usd: (10 * estimateMicroUsd) / 1e6,
      })
      const answers = await Promise.all(
        Array.from({ length: 500 }, (_, index) =>
          postV1(gateways[index % 3]!, '/v1/chat/completions', body, bearer(key)),
        ),
      )
      const statuses = answers.map((answer) => answer.status)
      // A fallback to per-replica counters (Redis too slow under load) would void the claim below.
      const fallbacks = [stack.gateway, ...extra.map((gateway) => gateway.gateway)].flatMap((gateway) =>
        gateway.logs.find('budget_store_unreachable'),
      )
      expect(fallbacks).toEqual([])
      expect(statuses.filter((status) => status === 200)).toHaveLength(10)
      expect(statuses.filter((status) => status === 402)).toHaveLength(490)
    }, 60_000)

    it('keeps answering in local mode when Redis dies mid-load: no crash, no stuck request', async () => {
      const { key } = await stack.createKey({ rate_limits: { rpm: 100_000, rpd: null, tpm: null } })
      const load = Array.from({ length: 60 }, (_, index) =>
        new Promise((resolve) => setTimeout(resolve, index * 20)).then(() =>
          postV1(gateways[index % 3]!, '/v1/chat/completions', body, bearer(key)),
        ),
      )
      await new Promise((resolve) => setTimeout(resolve, 300))
      await redis.stop()
      const answers = await Promise.all(load)
      expect(answers.map((answer) => answer.status).every((status) => status === 200)).toBe(true)
      expect(stack.gateway.logs.find('budget_store_unreachable').length).toBe(1)
    }, 60_000)
  },
)
