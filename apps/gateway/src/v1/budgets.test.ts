// End to end: budgets reserved before dispatch, rate limits, warning and x-ratelimit headers, spend shipped to the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1, type RawAnswer } from '../test-utils/v1-http.js'

const body = { ...chatBody(), max_tokens: 10 }
// The gateway's estimate for a body on gpt-4o-mini ($0.15 in / $0.60 out per million tokens).
const estimateOf = (request: { max_tokens: number }) =>
  Math.ceil(Math.ceil(JSON.stringify(request).length / 4) * 0.15 + request.max_tokens * 0.6 - 1e-9)
const estimateMicroUsd = estimateOf(body)
// max_tokens 1: the mock's reply costs more than this estimate, so a settled request frees no room
// and the count below does not depend on when the requests complete.
const tightBody = { ...chatBody(), max_tokens: 1 }

const errorOf = (answer: RawAnswer) =>
  answer.json().error as { code: string; message: string; meta: Record<string, unknown> }

async function budgetFor(
  stack: TestStack,
  keyId: string,
  limitMicroUsd: number,
  extra = {},
): Promise<string> {
  const created = await stack.admin.request<{ id: string }>('POST', '/budgets', {
    scope: 'virtual_key',
    scope_id: keyId,
    window: 'month',
    limit_usd: limitMicroUsd / 1_000_000,
    ...extra,
  })
  return created.id
}

/** Waits until the current second is far from a minute boundary, so one fixed window holds a burst. */
async function awayFromMinuteBoundary(): Promise<void> {
  const second = new Date().getUTCSeconds()
  if (second > 40) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000))
}

describe('budgets under concurrency', () => {
  let stack: TestStack
  // Upstream answers after 2 s, so most requests are decided while all are in flight.
  beforeAll(async () => {
    stack = await startStack({ mock: { latencyMs: 2_000 } })
  })
  afterAll(() => stack?.close())

  it('admits exactly 10 of 500 concurrent requests against a budget with room for 10', async () => {
    const { id, key } = await stack.createKey()
    await budgetFor(stack, id, 10 * estimateOf(tightBody))
    const answers = await Promise.all(
      Array.from({ length: 500 }, () =>
        postV1(stack.gateway.url, '/v1/chat/completions', tightBody, bearer(key)),
      ),
    )
    const statuses = answers.map((answer) => answer.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(10)
    expect(statuses.filter((status) => status === 402)).toHaveLength(490)
    const refused = answers.find((answer) => answer.status === 402)!
    expect(errorOf(refused)).toMatchObject({
      code: 'budget_exceeded',
      meta: {
        budget_scope: 'virtual_key',
        budget_window: 'month',
        limit_usd: (10 * estimateOf(tightBody)) / 1e6,
      },
    })
  }, 60_000)
})

describe('rate limits and budget headers', () => {
  let stack: TestStack
  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(() => stack?.close())

  it('admits exactly RPM 60 of 200 concurrent requests; the rest get 429 with Retry-After', async () => {
    const { key } = await stack.createKey({ rate_limits: { rpm: 60, rpd: null, tpm: null } })
    await awayFromMinuteBoundary()
    const secondsLeftAtStart = 60 - new Date().getUTCSeconds()
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))),
    )
    const secondsLeftAtEnd = 60 - new Date().getUTCSeconds()
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(60)
    const refused = answers.filter((answer) => answer.status === 429)
    expect(refused).toHaveLength(140)
    const retryAfter = Number(refused[0]!.headers.get('retry-after'))
    // The time left in the minute when the request was refused, rounded up.
    expect(retryAfter).toBeGreaterThanOrEqual(secondsLeftAtEnd)
    expect(retryAfter).toBeLessThanOrEqual(secondsLeftAtStart)
    expect(errorOf(refused[0]!).meta).toEqual({ dimension: 'rpm', limit: 60, retry_after_s: retryAfter })
    const admitted = answers.find((answer) => answer.status === 200)!
    expect(admitted.headers.get('x-ratelimit-limit-requests')).toBe('60')
    expect(Number(admitted.headers.get('x-ratelimit-remaining-requests'))).toBeLessThan(60)
    expect(admitted.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+s$/)
  }, 60_000)

  it('sends no governance headers and writes no spend records for a key without budgets or limits', async () => {
    const { id, key } = await stack.createKey()
    const pendingBefore = stack.services.budgets.spool.stats().pendingBytes
    const answer = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-ratelimit-limit-requests')).toBeNull()
    expect(answer.headers.get('x-langwatch-budget-warning')).toBeNull()
    // GATEWAY_SPEND_RECORD defaults to `budgeted`: nothing was appended to the spool for this key.
    expect(stack.services.budgets.spool.stats().pendingBytes).toBe(pendingBefore)
    await stack.services.budgets.spool.shipNow()
    const spend = await stack.admin.request<{ data: unknown[] }>('GET', `/spend?virtual_key_id=${id}`)
    expect(spend.data).toEqual([])
  })

  it('warns from 80 % of a budget and ships the settled spend to the ledger', async () => {
    const { id, key } = await stack.createKey()
    const budgetId = await budgetFor(stack, id, 1_000_000)
    const warnOnly = await budgetFor(stack, id, estimateMicroUsd, { on_breach: 'warn', window: 'day' })
    const answer = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
    expect(answer.status).toBe(200)
    expect(answer.headers.get('x-langwatch-budget-warning')).toBe('virtual_key:100')
    await expect
      .poll(
        async () =>
          (await stack.admin.request<{ spent_micro_usd: number }>('GET', `/budgets/${budgetId}`))
            .spent_micro_usd,
        { timeout: 10_000, interval: 200 },
      )
      .toBeGreaterThan(0)
    const both = await stack.admin.request<{ spent_micro_usd: number }>('GET', `/budgets/${warnOnly}`)
    expect(both.spent_micro_usd).toBeGreaterThan(0)
  })

  it('keeps spend in the spool while the control plane is down, then ships each request exactly once', async () => {
    const { id, key } = await stack.createKey()
    // A key with a budget leaves spend records (GATEWAY_SPEND_RECORD=budgeted); the budget's own
    // change event is seen before the control plane goes down, so it cannot evict the key then.
    await budgetFor(stack, id, 1_000_000_000)
    await stack.catchUpChangeFeed()
    const first = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
    expect(first.status, first.text).toBe(200)
    stack.controlPlaneProxy.setDown(true)
    try {
      for (let index = 0; index < 5; index += 1) {
        expect((await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))).status).toBe(200)
      }
      await expect
        .poll(() => stack.services.budgets.spool.stats().failures, { timeout: 10_000 })
        .toBeGreaterThan(0)
      expect(stack.services.budgets.spool.stats().pendingBytes).toBeGreaterThan(0)
    } finally {
      stack.controlPlaneProxy.setDown(false)
    }
    const requests = async () => {
      const spend = await stack.admin.request<{ data: { requests: number }[] }>(
        'GET',
        `/spend?virtual_key_id=${id}`,
      )
      return spend.data.reduce((sum, row) => sum + row.requests, 0)
    }
    await expect.poll(requests, { timeout: 20_000, interval: 250 }).toBe(6)
    await expect.poll(() => stack.services.budgets.spool.stats().pendingBytes, { timeout: 5_000 }).toBe(0)
    expect(await requests()).toBe(6)
  }, 60_000)

  it('refuses a request whose estimate does not fit, without calling the provider', async () => {
    const { id, key } = await stack.createKey()
    await budgetFor(stack, id, estimateMicroUsd - 1)
    const before = stack.mock.requests.length
    const answer = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(key))
    expect(answer.status).toBe(402)
    expect(errorOf(answer).meta).toMatchObject({ spent_usd: 0, resets_at: expect.any(String) })
    expect(stack.mock.requests.length).toBe(before)
  })
})
