// End to end: LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_ALL_KEYS — a fresh gateway pulls every active key
// before /startupz turns 200 and serves them without a single resolve-key or config call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StackGateway, startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, getV1, pollUntil, postV1 } from '../test-utils/v1-http.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack?.close())

const resolveCalls = () => stack.controlPlaneProxy.count('POST /api/internal/gateway/resolve-key')
const configCalls = () => stack.controlPlaneProxy.count('GET /api/internal/gateway/config/')
const bootstrapOn = { LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_ALL_KEYS: 'true' }

describe('bootstrap pull', () => {
  let warmed: StackGateway
  const keys: Array<{ id: string; key: string }> = []

  beforeAll(async () => {
    for (let index = 0; index < 6; index++) keys.push(await stack.createKey())
    const other = await stack.createProject()
    keys.push(await other.createKey())
    warmed = await stack.startGateway(bootstrapOn)
  })

  it('is ready with every active key cached, and serves them with no control-plane lookup', async () => {
    const [logged] = warmed.gateway.logs.find('auth_cache_bootstrapped')
    expect(logged).toMatchObject({ complete: true, rejected: 0 })
    expect(logged?.primed).toBeGreaterThanOrEqual(keys.length)
    expect(warmed.services.cache.size).toBeGreaterThanOrEqual(keys.length)
    const before = { resolve: resolveCalls(), config: configCalls() }
    for (const { key } of keys) {
      const answer = await postV1(warmed.gateway.url, '/v1/chat/completions', chatBody(), bearer(key))
      expect(answer.status).toBe(200)
    }
    expect(await getV1(warmed.gateway.url, '/v1/models', bearer(keys[0]!.key))).toMatchObject({ status: 200 })
    expect(resolveCalls() - before.resolve).toBe(0)
    expect(configCalls() - before.config).toBe(0)
  })

  it('still refuses a key revoked after the pull, within seconds', async () => {
    const victim = keys[1]!
    expect((await getV1(warmed.gateway.url, '/v1/models', bearer(victim.key))).status).toBe(200)
    await stack.admin.request('POST', `/virtual-keys/${victim.id}/revoke`)
    const { value, elapsedMs } = await pollUntil(
      () => getV1(warmed.gateway.url, '/v1/models', bearer(victim.key)),
      (answer) => answer.status !== 200,
    )
    expect(value.status).toBe(403)
    expect(elapsedMs).toBeLessThan(5_000)
    // The feed started at the snapshot revision: it did not replay history and empty the cache.
    const before = resolveCalls()
    expect((await getV1(warmed.gateway.url, '/v1/models', bearer(keys[2]!.key))).status).toBe(200)
    expect(resolveCalls() - before).toBe(0)
  })

  it('leaves the bootstrap off by default: keys resolve on first use', async () => {
    const lazy = await stack.startGateway()
    expect(lazy.gateway.logs.find('auth_cache_bootstrapped')).toEqual([])
    expect(lazy.services.cache.size).toBe(0)
    const before = resolveCalls()
    expect((await getV1(lazy.gateway.url, '/v1/models', bearer(keys[3]!.key))).status).toBe(200)
    expect(resolveCalls() - before).toBe(1)
  })

  it('starts anyway when the control plane is down, resolving keys later', async () => {
    stack.controlPlaneProxy.setDown(true)
    let degraded: StackGateway
    try {
      degraded = await stack.startGateway({ ...bootstrapOn, LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_TIMEOUT: '2s' })
    } finally {
      stack.controlPlaneProxy.setDown(false)
    }
    expect(degraded.gateway.lifecycle.started).toBe(true)
    expect(degraded.gateway.logs.find('auth_cache_bootstrap_failed')).toHaveLength(1)
    expect((await getV1(degraded.gateway.url, '/v1/models', bearer(keys[4]!.key))).status).toBe(200)
  })

  // Last: its budget is a change on the organisation's feed, which evicts the warmed gateway's keys.
  it('gives pulled keys their rate limits, budget and policy on a shared, frozen template, and enforces them', async () => {
    const governed = {
      rate_limits: { rpm: 1_000, rpd: null, tpm: null },
      policy_rules: { tools: { deny: ['^shell_'] } },
    }
    // Its own project: the project budget is shared by both keys, so they share one template.
    const project = await stack.createProject()
    const twins = [await project.createKey(governed), await project.createKey(governed)]
    const budget = await stack.admin.request<{ id: string }>('POST', '/budgets', {
      scope: 'project',
      scope_id: project.projectId,
      window: 'month',
      limit_usd: 100,
    })
    const pulled = await stack.startGateway(bootstrapOn)
    try {
      const configs = twins.map(({ key }) => pulled.services.cache.peek(key)?.config)
      expect(configs[0]?.policy_rules).toBe(configs[1]?.policy_rules)
      expect(Object.isFrozen(configs[0]?.policy_rules.tools.deny)).toBe(true)
      expect(configs[0]?.budgets.map((budget) => budget.scope)).toEqual(['project'])
      expect(configs[0]?.budgets).toBe(configs[1]?.budgets)
      const before = { resolve: resolveCalls(), config: configCalls() }
      for (const { key } of twins) {
        const allowed = await postV1(pulled.gateway.url, '/v1/chat/completions', chatBody(), bearer(key))
        expect(allowed.status).toBe(200)
        expect(allowed.headers.get('x-ratelimit-limit-requests')).toBe('1000')
        const denied = await postV1(
          pulled.gateway.url,
          '/v1/chat/completions',
          {
            ...chatBody(),
            tools: [{ type: 'function', function: { name: 'shell_exec', parameters: { type: 'object' } } }],
          },
          bearer(key),
        )
        expect(denied.status).toBe(403)
      }
      expect(resolveCalls() - before.resolve).toBe(0)
      expect(configCalls() - before.config).toBe(0)
      // Both keys' requests were admitted against the one project budget and reached the ledger.
      const spent = await pollUntil(
        async () =>
          (await stack.admin.request<{ spent_micro_usd: number }>('GET', `/budgets/${budget.id}`))
            .spent_micro_usd,
        (value) => value > 0,
      )
      expect(spent.value).toBeGreaterThan(0)
    } finally {
      await pulled.close()
    }
  })
})
