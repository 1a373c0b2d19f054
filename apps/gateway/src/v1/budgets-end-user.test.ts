// End to end: per-end-user budget templates and per-credential price overrides (in-process counters).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1, type RawAnswer } from '../test-utils/v1-http.js'

// max_tokens 1: the mock's reply costs more than the estimate, so a settled request frees no room.
// Every body has a 5-character `user`, so all estimates are equal.
const bodyOf = (user: string) => ({ ...chatBody(), max_tokens: 1, user })
// The gateway's estimate on gpt-4o-mini at catalogue prices ($0.15 in / $0.60 out per million tokens).
const estimateOf = (request: object, input = 0.15, output = 0.6) =>
  Math.ceil(Math.ceil(JSON.stringify(request).length / 4) * input + 1 * output - 1e-9)
const estimateMicroUsd = estimateOf(bodyOf('user0'))

const errorOf = (answer: RawAnswer) =>
  answer.json().error as { code: string; message: string; meta: Record<string, unknown> }

describe('per-end-user budgets and price overrides', () => {
  let stack: TestStack
  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(() => stack?.close())

  async function templateFor(projectId: string, limitMicroUsd: number): Promise<string> {
    const created = await stack.admin.request<{ id: string }>('POST', '/budgets', {
      scope: 'project',
      scope_id: projectId,
      window: 'month',
      limit_usd: limitMicroUsd / 1_000_000,
      per_end_user: true,
    })
    return created.id
  }

  it('gives each end user its own bucket: header first, then the body user; 400 without either', async () => {
    const project = await stack.createProject()
    const budgetId = await templateFor(project.projectId, estimateMicroUsd)
    const { key } = await project.createKey()
    const post = (user: string, headers: Record<string, string> = {}) =>
      postV1(stack.gateway.url, '/v1/chat/completions', bodyOf(user), { ...bearer(key), ...headers })
    const alice = { 'x-langwatch-end-user-id': 'alice' }
    expect((await post('zzzzz', alice)).status).toBe(200)
    const refused = await post('zzzzz', alice)
    expect(refused.status).toBe(402)
    expect(errorOf(refused)).toMatchObject({
      code: 'budget_exceeded',
      meta: { budget_id: budgetId, end_user_id: 'alice' },
    })
    // Another end user, named by the body's `user`, has a bucket of its own.
    expect((await post('bobby')).status).toBe(200)
    // The header wins over the body: bobby's bucket is now full, alice's header still refuses.
    expect((await post('bobby')).status).toBe(402)
    expect((await post('bobby', alice)).status).toBe(402)
    const missing = await postV1(
      stack.gateway.url,
      '/v1/chat/completions',
      { ...chatBody(), max_tokens: 1 },
      bearer(key),
    )
    expect(missing.status).toBe(400)
    expect(errorOf(missing).code).toBe('end_user_required')
    expect(errorOf(missing).message).toContain('X-LangWatch-End-User-Id')
    const tooLong = await post('zzzzz', { 'x-langwatch-end-user-id': 'x'.repeat(257) })
    expect(errorOf(tooLong).code).toBe('end_user_required')
    // A key of a project without templates needs no end user.
    const { key: plain } = await (await stack.createProject()).createKey()
    expect(
      (
        await postV1(
          stack.gateway.url,
          '/v1/chat/completions',
          { ...chatBody(), max_tokens: 1 },
          bearer(plain),
        )
      ).status,
    ).toBe(200)
  })

  it('ships each end user spend to its bucket, and a gateway that never saw the end user reads it', async () => {
    const project = await stack.createProject()
    const budgetId = await templateFor(project.projectId, estimateMicroUsd)
    const { key } = await project.createKey()
    const carol = { ...bearer(key), 'x-langwatch-end-user-id': 'carol' }
    expect((await postV1(stack.gateway.url, '/v1/chat/completions', bodyOf('zzzzz'), carol)).status).toBe(200)
    // The gateway settles the spend after it wrote the answer's last byte; nothing promises the
    // client sees the record appended first: ship and read until it is there.
    const carolSpent = async () => {
      await stack.services.budgets.spool.shipNow()
      const bucket = await stack.admin.request<{ spent_micro_usd: number }>(
        'GET',
        `/budgets/${budgetId}/end-users/carol`,
      )
      return bucket.spent_micro_usd
    }
    await expect.poll(carolSpent, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(estimateMicroUsd)
    const fresh = await stack.startGateway()
    try {
      const calls = () => stack.controlPlaneProxy.count('GET /api/internal/gateway/budget-bucket-spend')
      const before = calls()
      const refused = await postV1(fresh.gateway.url, '/v1/chat/completions', bodyOf('zzzzz'), carol)
      expect(refused.status).toBe(402)
      expect(errorOf(refused).meta).toMatchObject({ end_user_id: 'carol' })
      expect(calls()).toBe(before + 1)
      // An end user new to both gateways starts from an empty bucket.
      const dave = { ...bearer(key), 'x-langwatch-end-user-id': 'dave' }
      expect((await postV1(fresh.gateway.url, '/v1/chat/completions', bodyOf('zzzzz'), dave)).status).toBe(
        200,
      )
      // Carol's bucket is held now: a second request reads nothing more from the control plane.
      await postV1(fresh.gateway.url, '/v1/chat/completions', bodyOf('zzzzz'), carol)
      expect(calls()).toBe(before + 2)
    } finally {
      await fresh.close()
    }
  })

  it('estimates and settles with the serving credential price overrides over the catalogue', async () => {
    const project = await stack.createProject()
    // Ten times the catalogue's gpt-4o-mini prices, on this project's OpenAI credential only.
    await stack.admin.request('PATCH', `/provider-credentials/${project.providers.openai}`, {
      price_overrides: {
        'gpt-4o-mini': { input_micro_usd_per_million: 1_500_000, output_micro_usd_per_million: 6_000_000 },
      },
    })
    const request = bodyOf('zzzzz')
    const catalogueEstimate = estimateOf(request)
    const overrideEstimate = estimateOf(request, 1.5, 6)
    // Room for the catalogue estimate but not for the override's: refused before dispatch.
    const tight = await project.createKey()
    await stack.admin.request('POST', '/budgets', {
      scope: 'virtual_key',
      scope_id: tight.id,
      window: 'month',
      limit_usd: (catalogueEstimate * 2) / 1_000_000,
    })
    expect(catalogueEstimate * 2).toBeLessThan(overrideEstimate)
    const refused = await postV1(stack.gateway.url, '/v1/chat/completions', request, bearer(tight.key))
    expect(refused.status).toBe(402)
    // Settled at the override: the ledger holds usage × override prices.
    const roomy = await project.createKey()
    const budget = await stack.admin.request<{ id: string }>('POST', '/budgets', {
      scope: 'virtual_key',
      scope_id: roomy.id,
      window: 'month',
      limit_usd: 1,
    })
    const answer = await postV1(stack.gateway.url, '/v1/chat/completions', request, bearer(roomy.key))
    expect(answer.status).toBe(200)
    const usage = answer.json().usage as { prompt_tokens: number; completion_tokens: number }
    const expected = Math.ceil(usage.prompt_tokens * 1.5 + usage.completion_tokens * 6 - 1e-6)
    await stack.services.budgets.spool.shipNow()
    await expect
      .poll(
        async () =>
          (await stack.admin.request<{ spent_micro_usd: number }>('GET', `/budgets/${budget.id}`))
            .spent_micro_usd,
        { timeout: 10_000, interval: 200 },
      )
      .toBe(expected)
  })
})
