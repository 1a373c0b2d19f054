// End to end with Redis: TPM settles from the input estimate to the actual tokens; end-user buckets shared by replicas.

import { redisUnavailableReason, startTestRedis, type TestRedis } from '@gw/budget/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StackGateway, startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1 } from '../test-utils/v1-http.js'

const unavailable = redisUnavailableReason()
// A long prompt: its byte estimate (~4 bytes a token) differs clearly from the mock's count.
const body = { ...chatBody(), max_tokens: 8, messages: [{ role: 'user', content: 'word '.repeat(400) }] }
const estimatedTokens = Math.ceil(JSON.stringify(body).length / 4)

describe.skipIf(unavailable !== null)(
  `rate limits in Redis${unavailable === null ? '' : ` (skipped: ${unavailable})`}`,
  () => {
    let redis: TestRedis
    let stack: TestStack
    let second: StackGateway

    beforeAll(async () => {
      redis = await startTestRedis()
      // Upstream answers after 1 s: a burst is decided while all of it is in flight (no settle in between).
      stack = await startStack({ gatewayEnv: { GATEWAY_REDIS_URL: redis.url }, mock: { latencyMs: 1_000 } })
      second = await stack.startGateway({ GATEWAY_REDIS_URL: redis.url })
    })
    afterAll(async () => {
      await second?.close()
      await stack?.close()
      await redis?.stop()
    })

    it('counts the TPM input estimate on admit and settles it to the actual tokens on completion', async () => {
      const tpm = 1_000_000
      const { key } = await stack.createKey({ rate_limits: { rpm: null, rpd: null, tpm } })
      const first = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
      expect(first.status).toBe(200)
      expect(first.headers.get('x-ratelimit-limit-tokens')).toBe(String(tpm))
      // The minute may roll over between the two requests; then the count restarts and the test cannot tell.
      const minute = Math.floor(Date.now() / 60_000)
      expect(Number(first.headers.get('x-ratelimit-remaining-tokens'))).toBe(tpm - estimatedTokens)
      const usage = first.json().usage as { prompt_tokens: number; completion_tokens: number }
      const actual = usage.prompt_tokens + usage.completion_tokens
      expect(actual).not.toBe(estimatedTokens)
      const second = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
      expect(second.status).toBe(200)
      if (Math.floor(Date.now() / 60_000) !== minute) return
      expect(Number(second.headers.get('x-ratelimit-remaining-tokens'))).toBe(tpm - actual - estimatedTokens)
    })

    it('answers the request and token header trios from the shared counts', async () => {
      const { key } = await stack.createKey({ rate_limits: { rpm: 50, rpd: 40, tpm: 100_000 } })
      const answer = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
      expect(answer.status).toBe(200)
      // RPD 40 is the tighter request limit: the request trio describes it.
      expect(answer.headers.get('x-ratelimit-limit-requests')).toBe('40')
      expect(answer.headers.get('x-ratelimit-remaining-requests')).toBe('39')
      expect(answer.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+s$/)
      expect(answer.headers.get('x-ratelimit-reset-tokens')).toMatch(/^\d+s$/)
    })

    it('shares each end user bucket across gateways and reads an unseen one from the control plane once', async () => {
      const project = await stack.createProject()
      const request = { ...chatBody(), max_tokens: 1, user: 'zzzzz' }
      const estimate = Math.ceil(Math.ceil(JSON.stringify(request).length / 4) * 0.15 + 0.6 - 1e-9)
      // Room for three requests per end user, counted across both gateways.
      await stack.admin.request('POST', '/budgets', {
        scope: 'project',
        scope_id: project.projectId,
        window: 'month',
        limit_usd: (3 * estimate) / 1_000_000,
        per_end_user: true,
      })
      const { key } = await project.createKey()
      const reads = () => stack.controlPlaneProxy.count('GET /api/internal/gateway/budget-bucket-spend')
      const before = reads()
      const gateways = [stack.gateway.url, second.gateway.url]
      const burst = (endUser: string) =>
        Promise.all(
          Array.from({ length: 12 }, (_, index) =>
            postV1(gateways[index % 2]!, '/v1/chat/completions', request, {
              ...bearer(key),
              'x-langwatch-end-user-id': endUser,
            }),
          ),
        )
      const alice = await burst('alice')
      expect(alice.filter((answer) => answer.status === 200)).toHaveLength(3)
      expect(alice.filter((answer) => answer.status === 402)).toHaveLength(9)
      const bob = await burst('bob')
      expect(bob.filter((answer) => answer.status === 200)).toHaveLength(3)
      // One read per gateway and end user: concurrent first requests share it.
      expect(reads() - before).toBe(4)
      const missing = await postV1(
        stack.gateway.url,
        '/v1/chat/completions',
        { ...request, user: undefined },
        bearer(key),
      )
      expect(missing.status).toBe(400)
      expect((missing.json().error as { code: string }).code).toBe('end_user_required')
    })
  },
)
