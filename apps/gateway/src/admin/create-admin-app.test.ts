import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../test-utils/start-test-gateway.js'

const token = 'admin-token-0123456789abcdef0123456789'
/** A local gateway without the shared secrets (empty variables count as unset). */
const noSecrets = { ENVIRONMENT: 'local', LW_GATEWAY_INTERNAL_SECRET: '', LW_GATEWAY_JWT_SECRET: '' }
let gateway: TestGateway | undefined

afterEach(async () => {
  await gateway?.close()
  gateway = undefined
})

async function admin(path: string, authorization?: string) {
  const response = await request(`${gateway!.adminUrl}${path}`, {
    headers: authorization === undefined ? {} : { authorization },
  })
  const body = Buffer.from(await response.body.arrayBuffer())
  return {
    status: response.statusCode,
    headers: response.headers,
    body,
    json: () => JSON.parse(body.toString()),
  }
}

describe('admin listener with a token', () => {
  it('answers 401 with a Bearer challenge without or with a wrong token', async () => {
    gateway = await startTestGateway({ GATEWAY_ADMIN_ADDR: '127.0.0.1:0', GATEWAY_ADMIN_AUTH_TOKEN: token })
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${token}`, token]) {
      const response = await admin('/debug/config', authorization)
      expect(response.status).toBe(401)
      expect(response.headers['www-authenticate']).toBe('Bearer realm=gateway-admin')
      expect(response.headers['cache-control']).toBe('no-store')
      expect(response.json().error.code).toBe('unauthorized')
    }
  })

  it('serves the redacted config to the right token', async () => {
    gateway = await startTestGateway({ GATEWAY_ADMIN_ADDR: '127.0.0.1:0', GATEWAY_ADMIN_AUTH_TOKEN: token })
    const response = await admin('/debug/config', `Bearer ${token}`)
    expect(response.status).toBe(200)
    const config = response.json()
    expect(config.controlPlane.jwtSecret).toBe('***')
    expect(config.admin.authToken).toBe('***')
    expect(response.body.toString()).not.toContain(token)
    expect(config.server.addr).toBe('127.0.0.1:0')
  })

  it('records a CPU profile for the requested seconds', async () => {
    gateway = await startTestGateway({ GATEWAY_ADMIN_ADDR: '127.0.0.1:0', GATEWAY_ADMIN_AUTH_TOKEN: token })
    const startedAt = Date.now()
    const response = await admin('/debug/profile?seconds=1', `Bearer ${token}`)
    expect(response.status).toBe(200)
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900)
    expect(response.headers['content-disposition']).toMatch(/\.cpuprofile"$/)
    const profile = response.json()
    expect(profile.nodes.length).toBeGreaterThan(0)
    expect(profile.endTime).toBeGreaterThan(profile.startTime)
  })

  it('clamps the profile length and refuses a non-number', async () => {
    gateway = await startTestGateway({ GATEWAY_ADMIN_ADDR: '127.0.0.1:0', GATEWAY_ADMIN_AUTH_TOKEN: token })
    const startedAt = Date.now()
    expect((await admin('/debug/profile?seconds=0', `Bearer ${token}`)).status).toBe(200)
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900)
    const bad = await admin('/debug/profile?seconds=abc', `Bearer ${token}`)
    expect(bad.status).toBe(400)
    expect(bad.json().error.message).toContain('1 to 60')
  })

  it('runs one dump at a time', async () => {
    gateway = await startTestGateway({ GATEWAY_ADMIN_ADDR: '127.0.0.1:0', GATEWAY_ADMIN_AUTH_TOKEN: token })
    const first = admin('/debug/profile?seconds=1', `Bearer ${token}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const second = await admin('/debug/profile?seconds=1', `Bearer ${token}`)
    expect(second.status).toBe(409)
    expect(second.json().error.code).toBe('conflict')
    expect((await first).status).toBe(200)
  })

  it('streams a heap snapshot', async () => {
    gateway = await startTestGateway({ GATEWAY_ADMIN_ADDR: '127.0.0.1:0', GATEWAY_ADMIN_AUTH_TOKEN: token })
    const response = await admin('/debug/heap', `Bearer ${token}`)
    expect(response.status).toBe(200)
    expect(response.headers['content-disposition']).toMatch(/\.heapsnapshot"$/)
    expect(response.body.subarray(0, 12).toString()).toBe('{"snapshot":')
    expect(JSON.parse(response.body.toString()).snapshot.node_count).toBeGreaterThan(0)
  }, 60_000)

  it('logs admin_listening with auth_required and loopback_only, and serves nothing else', async () => {
    gateway = await startTestGateway({ GATEWAY_ADMIN_ADDR: '127.0.0.1:0', GATEWAY_ADMIN_AUTH_TOKEN: token })
    expect(gateway.logs.find('admin_listening')[0]).toMatchObject({
      auth_required: true,
      loopback_only: true,
    })
    expect((await admin('/metrics', `Bearer ${token}`)).status).toBe(404)
    expect(gateway.logs.find('admin_access').length).toBeGreaterThan(0)
  })
})

describe('admin listener without a token', () => {
  it('serves loopback without auth when no secret is configured', async () => {
    gateway = await startTestGateway({ GATEWAY_ADMIN_ADDR: '127.0.0.1:0', ...noSecrets })
    expect((await admin('/debug/config')).status).toBe(200)
    expect(gateway.logs.find('admin_listening')[0]).toMatchObject({
      auth_required: false,
      loopback_only: true,
    })
  })

  it('binds every interface only with GATEWAY_ALLOW_INSECURE=true', async () => {
    gateway = await startTestGateway({ GATEWAY_ADMIN_ADDR: '0.0.0.0:0', GATEWAY_ALLOW_INSECURE: 'true' })
    expect(gateway.logs.find('admin_listening')[0]).toMatchObject({
      auth_required: false,
      loopback_only: false,
    })
    expect(gateway.logs.find('admin_listening')[0]?.addr).toMatch(/^0\.0\.0\.0:\d+$/)
    expect((await admin('/debug/config')).status).toBe(200)
  })
})

describe('admin surface rules', () => {
  it('refuses to start a loopback admin listener without a token while secrets are configured', async () => {
    await expect(startTestGateway({ GATEWAY_ADMIN_ADDR: '127.0.0.1:0' })).rejects.toThrow(
      /GATEWAY_ADMIN_AUTH_TOKEN/,
    )
  })

  it('refuses an admin token shorter than 32 characters', async () => {
    await expect(
      startTestGateway({
        GATEWAY_ADMIN_ADDR: '127.0.0.1:0',
        GATEWAY_ADMIN_AUTH_TOKEN: 'short-token-0123456789',
      }),
    ).rejects.toThrow(/GATEWAY_ADMIN_AUTH_TOKEN/)
  })

  it('refuses GATEWAY_ALLOW_INSECURE=true in production', async () => {
    await expect(
      startTestGateway({
        ENVIRONMENT: 'production',
        GATEWAY_ADMIN_ADDR: '0.0.0.0:0',
        GATEWAY_ALLOW_INSECURE: 'true',
      }),
    ).rejects.toThrow(/GATEWAY_ALLOW_INSECURE/)
  })

  it('masks passwords and tokens inside URLs in /debug/config', async () => {
    gateway = await startTestGateway({
      GATEWAY_ADMIN_ADDR: '127.0.0.1:0',
      GATEWAY_ADMIN_AUTH_TOKEN: token,
      LW_GATEWAY_OUTBOUND_PROXY: 'http://u:proxy-password@127.0.0.1:9',
      OTEL_OTLP_ENDPOINT: 'http://otel:otel-password@127.0.0.1:4318/?api_key=otel-token',
      LW_GATEWAY_BASE_URL: 'http://cp:cp-password@127.0.0.1:5560',
    })
    const response = await admin('/debug/config', `Bearer ${token}`)
    expect(response.status).toBe(200)
    const text = response.body.toString()
    for (const secret of ['proxy-password', 'otel-password', 'otel-token', 'cp-password']) {
      expect(text).not.toContain(secret)
    }
    expect(response.json().upstream.outboundProxy).toBe('http://u:***@127.0.0.1:9/')
  })
})
