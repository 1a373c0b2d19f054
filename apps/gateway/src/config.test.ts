import { ConfigError, resetDeprecationWarnings } from '@gw/config-hydrate'
import { beforeEach, describe, expect, it } from 'vitest'
import { loadGatewayConfig } from './config.js'

const secrets = {
  LW_GATEWAY_INTERNAL_SECRET: 'internal-secret-0123456789abcdef0123',
  LW_GATEWAY_JWT_SECRET: 'jwt-secret-0123456789abcdef0123456789',
}

function issuesOf(env: Record<string, string>): ConfigError {
  try {
    loadGatewayConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected loadGatewayConfig to throw a ConfigError')
}

beforeEach(() => resetDeprecationWarnings())

describe('loadGatewayConfig defaults', () => {
  it('serves a laptop with no variables set', () => {
    const { config, warnings } = loadGatewayConfig(
      {},
      { hostname: () => 'laptop', generateSecret: () => 'generated' },
    )
    expect(config.environment).toBe('local')
    expect(config.server).toMatchObject({
      addr: ':5563',
      gracefulMs: 5_000,
      drainDelayMs: 0,
      readHeaderTimeoutMs: 5_000,
      readTimeoutMs: 60_000,
      idleTimeoutMs: 120_000,
      maxRequestBodyBytes: 32 * 1024 * 1024,
      maxHeaderBytes: 64 * 1024,
    })
    expect(config.controlPlane).toMatchObject({
      baseUrl: 'http://localhost:5560',
      internalSecret: 'generated',
      jwtSecret: 'generated',
      nodeId: 'laptop',
    })
    expect(config.otel.sampleRatio).toBe(1)
    expect(config.customerTraceBridgeBaseUrl).toBe('http://localhost:5560')
    expect(config.authCache.lruSize).toBe(50_000)
    expect(config.breaker).toEqual({ windowMs: 30_000, threshold: 10, cooldownMs: 60_000 })
    expect(config.admin.addr).toBeUndefined()
    expect(config.logging.level).toBe('info')
    // Spend records reach the spool file at most 50 ms after their request (docs/DECISIONS.md).
    expect(config.budgets.spoolFlushMs).toBe(50)
    expect(warnings.map((warning) => warning.event)).toEqual(['dev_secrets_generated'])
    expect(Object.isFrozen(config.server)).toBe(true)
  })

  it('uses production defaults outside ENVIRONMENT=local', () => {
    const { config, warnings } = loadGatewayConfig({ ENVIRONMENT: 'prod', ...secrets })
    expect(config.server.drainDelayMs).toBe(5_000)
    expect(config.otel.sampleRatio).toBe(0.1)
    expect(config.controlPlane.internalSecret).toBe(secrets.LW_GATEWAY_INTERNAL_SECRET)
    expect(warnings).toEqual([])
  })

  it('reads every documented variable', () => {
    const { config } = loadGatewayConfig({
      ...secrets,
      SERVER_ADDR: '127.0.0.1:9000',
      SERVER_GRACEFUL_SECONDS: '15',
      SERVER_DRAIN_DELAY_SECONDS: '7s',
      SERVER_MAX_REQUEST_BODY_BYTES: '10485760',
      LW_GATEWAY_AUTH_CACHE_SOFT_BUMP: '30s',
      LW_GATEWAY_AUTH_CACHE_HARD_GRACE: '0s',
      OTEL_OTLP_HEADERS: 'Authorization=Bearer%20abc',
      OTEL_SAMPLE_RATIO: '0.5',
      CUSTOMER_TRACE_BRIDGE_BASE_URL: 'https://traces.example.com',
      LW_GATEWAY_UPSTREAM_CONNECT_TIMEOUT: '3s',
      LW_GATEWAY_BREAKER_THRESHOLD: '4',
      LW_LOG_MESSAGE_BODY: '1',
      LW_GATEWAY_OUTBOUND_PROXY: 'http://localhost:8888',
      GATEWAY_STARTUP_NETCHECK_HOSTS: 'api.openai.com:443, api.anthropic.com:443',
      GATEWAY_STARTUP_NETCHECK_TIMEOUT: '1s',
      LW_GATEWAY_NODE_ID: 'gw-a',
    })
    expect(config.server).toMatchObject({
      addr: '127.0.0.1:9000',
      gracefulMs: 15_000,
      drainDelayMs: 7_000,
      maxRequestBodyBytes: 10_485_760,
    })
    expect(config.authCache).toMatchObject({ softBumpMs: 30_000, hardGraceMs: 0 })
    expect(config.otel).toMatchObject({ otlpHeaders: { Authorization: 'Bearer abc' }, sampleRatio: 0.5 })
    expect(config.customerTraceBridgeBaseUrl).toBe('https://traces.example.com')
    expect(config.upstream).toMatchObject({ connectTimeoutMs: 3_000, outboundProxy: 'http://localhost:8888' })
    expect(config.breaker.threshold).toBe(4)
    expect(config.logging.messageBody).toBe(true)
    expect(config.startupNetcheck).toEqual({
      hosts: ['api.openai.com:443', 'api.anthropic.com:443'],
      timeoutMs: 1_000,
    })
    expect(config.controlPlane.nodeId).toBe('gw-a')
  })
})

describe('loadGatewayConfig checks', () => {
  it('requires both shared secrets outside ENVIRONMENT=local', () => {
    const error = issuesOf({ ENVIRONMENT: 'staging' })
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'LW_GATEWAY_INTERNAL_SECRET',
      'LW_GATEWAY_JWT_SECRET',
    ])
    expect(error.message).toContain('openssl rand -hex 32')
  })

  it('reports every bad value at once, naming the variable and the expected form', () => {
    const error = issuesOf({ SERVER_GRACEFUL_SECONDS: 'soon', LOG_LEVEL: 'loud', OTEL_SAMPLE_RATIO: '2' })
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'LOG_LEVEL',
      'OTEL_SAMPLE_RATIO',
      'SERVER_GRACEFUL_SECONDS',
    ])
    expect(error.message).toContain('SERVER_GRACEFUL_SECONDS="soon": expected a duration')
  })

  it('reads the bootstrap pull switch and budget, refusing values that are not a boolean or a duration', () => {
    const { config } = loadGatewayConfig({
      LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_ALL_KEYS: 'true',
      LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_TIMEOUT: '45s',
    })
    expect(config.authCache).toMatchObject({ bootstrapAllKeys: true, bootstrapTimeoutMs: 45_000 })
    expect(loadGatewayConfig({}).config.authCache).toMatchObject({
      bootstrapAllKeys: false,
      bootstrapTimeoutMs: 30_000,
    })
    const error = issuesOf({
      LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_ALL_KEYS: 'maybe',
      LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_TIMEOUT: 'a while',
    })
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_ALL_KEYS',
      'LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_TIMEOUT',
    ])
    expect(error.message).toContain('LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_TIMEOUT="a while": expected a duration')
  })

  it('refuses an admin listener beyond loopback without a token, naming both variables', () => {
    const error = issuesOf({ ...secrets, GATEWAY_ADMIN_ADDR: '0.0.0.0:6060' })
    expect(error.issues).toHaveLength(1)
    expect(error.message).toContain('GATEWAY_ADMIN_ADDR')
    expect(error.message).toContain('GATEWAY_ADMIN_AUTH_TOKEN')
  })

  it('allows a non-loopback admin listener with a token, or with GATEWAY_ALLOW_INSECURE=true', () => {
    expect(() =>
      loadGatewayConfig({ GATEWAY_ADMIN_ADDR: ':6060', GATEWAY_ADMIN_AUTH_TOKEN: 't'.repeat(32) }),
    ).not.toThrow()
    expect(() =>
      loadGatewayConfig({ GATEWAY_ADMIN_ADDR: ':6060', GATEWAY_ALLOW_INSECURE: 'true' }),
    ).not.toThrow()
    expect(() => loadGatewayConfig({ GATEWAY_ADMIN_ADDR: '127.0.0.1:6060' })).not.toThrow()
    expect(() => loadGatewayConfig({ GATEWAY_ADMIN_ADDR: '[::1]:6060' })).not.toThrow()
  })

  it('refuses a drain that cannot finish within TERMINATION_GRACE_SECONDS', () => {
    const error = issuesOf({
      ...secrets,
      ENVIRONMENT: 'prod',
      SERVER_GRACEFUL_SECONDS: '15',
      TERMINATION_GRACE_SECONDS: '18',
    })
    expect(error.issues[0]?.variable).toBe('TERMINATION_GRACE_SECONDS')
    expect(error.message).toContain('SERVER_DRAIN_DELAY_SECONDS (5s) + SERVER_GRACEFUL_SECONDS (15s)')
    expect(() =>
      loadGatewayConfig({
        ...secrets,
        ENVIRONMENT: 'prod',
        SERVER_GRACEFUL_SECONDS: '15',
        TERMINATION_GRACE_SECONDS: '30',
      }),
    ).not.toThrow()
  })

  it('refuses malformed addresses, netcheck entries and a header timeout above the read timeout', () => {
    const error = issuesOf({
      SERVER_ADDR: 'localhost',
      GATEWAY_STARTUP_NETCHECK_HOSTS: 'api.openai.com',
      SERVER_READ_HEADER_TIMEOUT: '90s',
    })
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'SERVER_ADDR',
      'SERVER_READ_HEADER_TIMEOUT',
      'GATEWAY_STARTUP_NETCHECK_HOSTS',
    ])
  })
})

describe('legacy aliases', () => {
  it('reads GATEWAY_* names when the canonical one is unset, warning once per name', () => {
    const env = {
      GATEWAY_LISTEN_ADDR: '127.0.0.1:7000',
      GATEWAY_CONTROL_PLANE_URL: 'http://cp:5560',
      GATEWAY_LOG_LEVEL: 'debug',
      GATEWAY_OTEL_DEFAULT_ENDPOINT: 'http://collector:4318',
    }
    const first = loadGatewayConfig(env)
    expect(first.config.server.addr).toBe('127.0.0.1:7000')
    expect(first.config.controlPlane.baseUrl).toBe('http://cp:5560')
    expect(first.config.logging.level).toBe('debug')
    expect(first.config.otel.otlpEndpoint).toBe('http://collector:4318')
    const deprecations = first.warnings.filter((warning) => warning.event === 'config_deprecated_variable')
    expect(deprecations.map((warning) => warning.fields)).toEqual([
      { legacy: 'GATEWAY_LISTEN_ADDR', canonical: 'SERVER_ADDR' },
      { legacy: 'GATEWAY_CONTROL_PLANE_URL', canonical: 'LW_GATEWAY_BASE_URL' },
      { legacy: 'GATEWAY_OTEL_DEFAULT_ENDPOINT', canonical: 'OTEL_OTLP_ENDPOINT' },
      { legacy: 'GATEWAY_LOG_LEVEL', canonical: 'LOG_LEVEL' },
    ])
    const second = loadGatewayConfig(env)
    expect(second.warnings.filter((warning) => warning.event === 'config_deprecated_variable')).toEqual([])
  })

  it('prefers the canonical name when both are set', () => {
    const { config } = loadGatewayConfig({ SERVER_ADDR: ':1', GATEWAY_LISTEN_ADDR: ':2' })
    expect(config.server.addr).toBe(':1')
  })
})
