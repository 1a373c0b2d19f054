// End to end: the gateway when its control plane misbehaves — JWT secret rotation, outages
// (stale-while-error, hard grace) — on a control plane issuing 2-second bundles.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, postV1, type RawAnswer } from '../test-utils/v1-http.js'

let stack: TestStack

beforeAll(async () => {
  stack = await startStack({ controlPlaneEnv: { CONTROL_PLANE_BUNDLE_TTL: '2s' } })
  await stack.catchUpChangeFeed()
})
afterAll(() => stack?.close())

const chat = (gatewayUrl: string, key: string) =>
  postV1(gatewayUrl, '/v1/chat/completions', chatBody(), bearer(key))
const errorCode = (answer: RawAnswer) => (answer.json().error as { code?: string } | undefined)?.code
const newSecret = () => randomBytes(32).toString('base64url')

/** Waits until the bundle the gateway cached for `key` has expired. */
async function waitPastBundleExpiry(services: TestStack['services'], key: string): Promise<void> {
  const { claims } = await services.cache.get(key)
  const wait = claims.exp * 1000 - Date.now() + 250
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
}

/** Runs `body` with the control plane unreachable, then brings it back. */
async function whileControlPlaneDown(body: () => Promise<void>): Promise<void> {
  stack.controlPlaneProxy.setDown(true)
  try {
    await body()
  } finally {
    stack.controlPlaneProxy.setDown(false)
  }
}

describe('JWT secret rotation', () => {
  it('accepts bundles signed with LW_GATEWAY_JWT_SECRET_PREVIOUS while the control plane still uses it', async () => {
    const rotated = await stack.startGateway({
      LW_GATEWAY_JWT_SECRET: newSecret(),
      LW_GATEWAY_JWT_SECRET_PREVIOUS: stack.secrets.LW_GATEWAY_JWT_SECRET,
    })
    const { key } = await stack.createKey()
    const answer = await chat(rotated.gateway.url, key)
    expect(answer.status).toBe(200)
    expect(rotated.gateway.logs.find('jwt_secret_rotation_active')).toHaveLength(1)
    await rotated.close()
  })

  it('answers 503 auth_upstream_unavailable when the bundle matches no configured secret', async () => {
    const mismatched = await stack.startGateway({ LW_GATEWAY_JWT_SECRET: newSecret() })
    const { key } = await stack.createKey()
    const answer = await chat(mismatched.gateway.url, key)
    expect(answer.status).toBe(503)
    expect(errorCode(answer)).toBe('auth_upstream_unavailable')
    await mismatched.close()
  })
})

describe('control plane outage', () => {
  it('keeps serving a cached key past its bundle expiry while the control plane is down', async () => {
    const { key } = await stack.createKey()
    expect((await chat(stack.gateway.url, key)).status).toBe(200)
    await whileControlPlaneDown(async () => {
      expect((await chat(stack.gateway.url, key)).status).toBe(200)
      await waitPastBundleExpiry(stack.services, key)
      const answer = await chat(stack.gateway.url, key)
      expect(answer.status).toBe(200)
      expect(JSON.parse(answer.text).choices[0].message.content).toBe('Hello from the mock provider.')
    })
  })

  it('refuses a key it never saw with 503 auth_upstream_unavailable, and serves it once the control plane is back', async () => {
    const { key } = await stack.createKey()
    await whileControlPlaneDown(async () => {
      const answer = await chat(stack.gateway.url, key)
      expect(answer.status).toBe(503)
      expect(errorCode(answer)).toBe('auth_upstream_unavailable')
    })
    expect((await chat(stack.gateway.url, key)).status).toBe(200)
  })

  it('with LW_GATEWAY_AUTH_CACHE_HARD_GRACE=0s refuses a cached key with 503 once its bundle expired', async () => {
    const strict = await stack.startGateway({ LW_GATEWAY_AUTH_CACHE_HARD_GRACE: '0s' })
    await strict.catchUpChangeFeed()
    const { key } = await stack.createKey()
    expect((await chat(strict.gateway.url, key)).status).toBe(200)
    await whileControlPlaneDown(async () => {
      expect((await chat(strict.gateway.url, key)).status).toBe(200)
      await waitPastBundleExpiry(strict.services, key)
      const answer = await chat(strict.gateway.url, key)
      expect(answer.status).toBe(503)
      expect(errorCode(answer)).toBe('auth_upstream_unavailable')
    })
    await strict.close()
  })
})
