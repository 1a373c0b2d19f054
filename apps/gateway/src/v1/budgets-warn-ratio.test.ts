// End to end: a budget's own warn_ratio sets X-LangWatch-Budget-Warning where the gateway default would not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1 } from '../test-utils/v1-http.js'

const body = { ...chatBody(), max_tokens: 10 }
// The gateway's estimate for this body on gpt-4o-mini ($0.15 in / $0.60 out per million tokens).
const estimateMicroUsd = Math.ceil(
  Math.ceil(JSON.stringify(body).length / 4) * 0.15 + body.max_tokens * 0.6 - 1e-9,
)

describe('per-budget warn_ratio', () => {
  let stack: TestStack
  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(() => stack?.close())

  async function keyWithBudget(extra: Record<string, unknown>): Promise<string> {
    const { id, key } = await stack.createKey()
    // Room for exactly two requests: the first one's reservation brings the budget to 50 %.
    await stack.admin.request('POST', '/budgets', {
      scope: 'virtual_key',
      scope_id: id,
      window: 'month',
      limit_usd: (2 * estimateMicroUsd) / 1_000_000,
      ...extra,
    })
    return key
  }

  it('warns at 50 % of a budget whose warn_ratio is 0.5; the default (0.8) does not', async () => {
    const own = await keyWithBudget({ warn_ratio: 0.5 })
    const warned = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(own))
    expect(warned.status, warned.text).toBe(200)
    expect(warned.headers.get('x-langwatch-budget-warning')).toBe('virtual_key:50')

    const byDefault = await keyWithBudget({})
    const quiet = await postV1(stack.gateway.url, '/v1/chat/completions', body, bearer(byDefault))
    expect(quiet.status, quiet.text).toBe(200)
    expect(quiet.headers.get('x-langwatch-budget-warning')).toBeNull()
  })
})
