import * as v from 'valibot'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConfigError, type ConfigIssue, createConfigIssue } from './config-error.js'
import { withEnvName } from './env-name.js'
import { envBoolean, envBytes, envDuration, envInteger, envNumber } from './fields-numeric.js'
import { envEnum, envList, envSecret, envString, envUrl } from './fields-text.js'
import { hydrateConfig } from './hydrate-config.js'
import { resetDeprecationWarnings } from './read-env.js'

const catchConfigError = (run: () => unknown): ConfigError => {
  try {
    run()
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('hydrateConfig naming', () => {
  const schema = v.object({
    server: v.object({ addr: envString(':5563'), maxRequestBodyBytes: envBytes(33_554_432) }),
    authCache: v.object({ hardGrace: v.optional(envDuration()) }),
    a: v.object({ b: v.object({ c: v.object({ deepValue: envInteger(1) }) }) }),
    controlPlane: v.object({ baseUrl: withEnvName(envUrl('http://localhost:5560'), 'LW_GATEWAY_BASE_URL') }),
    gatewayAuth: withEnvName(v.object({ softBump: v.optional(envDuration()) }), 'LW_GATEWAY_AUTH_CACHE'),
  })

  it('joins nested keys in UPPER_SNAKE_CASE at any depth and honours overrides', () => {
    const config = hydrateConfig(schema, {
      env: {
        SERVER_ADDR: ':8080',
        SERVER_MAX_REQUEST_BODY_BYTES: '1MiB',
        AUTH_CACHE_HARD_GRACE: '2m',
        A_B_C_DEEP_VALUE: '7',
        LW_GATEWAY_BASE_URL: 'https://cp.example',
        CONTROL_PLANE_BASE_URL: 'https://ignored.example',
        LW_GATEWAY_AUTH_CACHE_SOFT_BUMP: '10s',
      },
    })
    expect(config).toEqual({
      server: { addr: ':8080', maxRequestBodyBytes: 1_048_576 },
      authCache: { hardGrace: 120_000 },
      a: { b: { c: { deepValue: 7 } } },
      controlPlane: { baseUrl: 'https://cp.example' },
      gatewayAuth: { softBump: 10_000 },
    })
  })

  it('applies defaults, treats empty strings as unset and leaves optional fields undefined', () => {
    const config = hydrateConfig(schema, { env: { SERVER_ADDR: '', AUTH_CACHE_HARD_GRACE: '' } })
    expect(config.server).toEqual({ addr: ':5563', maxRequestBodyBytes: 33_554_432 })
    expect(config.authCache.hardGrace).toBeUndefined()
    expect('hardGrace' in config.authCache).toBe(true)
    expect(config.controlPlane.baseUrl).toBe('http://localhost:5560')
  })

  it('refuses two fields that read the same variable', () => {
    const clash = v.object({ serverAddr: envString('a'), server: v.object({ addr: envString('b') }) })
    expect(() => hydrateConfig(clash, { env: {} })).toThrow(/both read SERVER_ADDR/)
  })

  it('refuses entries that are neither env fields nor plain object groups', () => {
    expect(() => hydrateConfig(v.object({ port: v.number() }), { env: {} })).toThrow(TypeError)
    const pipedGroup = v.object({
      server: v.pipe(
        v.object({ addr: envString('a') }),
        v.check(() => true),
      ),
    })
    expect(() => hydrateConfig(pipedGroup, { env: {} })).toThrow(/use the refine option/)
  })
})

describe('hydrateConfig values', () => {
  const schema = v.object({
    debug: envBoolean(false),
    ratio: envNumber(1, { min: 0, max: 1 }),
    level: envEnum(['debug', 'info'], 'info'),
    models: envList(['a']),
    graceful: envDuration(5_000),
    pollMs: envDuration(250, { unit: 'ms' }),
  })

  it('parses each field type from its raw string', () => {
    const config = hydrateConfig(schema, {
      env: { DEBUG: 'YES', RATIO: '0.1', LEVEL: 'DEBUG', MODELS: 'x, y', GRACEFUL: '1m30s', POLL_MS: '100' },
    })
    expect(config).toEqual({
      debug: true,
      ratio: 0.1,
      level: 'debug',
      models: ['x', 'y'],
      graceful: 90_000,
      pollMs: 100,
    })
  })

  it('runs valibot pipes added around a field on parsed values', () => {
    const piped = v.object({
      port: v.pipe(
        envInteger(8080),
        v.transform((port) => `:${port}`),
      ),
    })
    expect(hydrateConfig(piped, { env: { PORT: '9000' } }).port).toBe(':9000')
    expect(hydrateConfig(piped, { env: {} }).port).toBe(':8080')
  })

  it('reports a failing pipe check with its own message', () => {
    const checked = v.object({
      workers: v.pipe(
        envInteger(2),
        v.check((n) => n % 2 === 0, 'must be even'),
      ),
    })
    const error = catchConfigError(() => hydrateConfig(checked, { env: { WORKERS: '3' } }))
    expect(error.issues[0]?.message).toBe('WORKERS="3": must be even')
  })
})

describe('hydrateConfig errors', () => {
  const schema = v.object({
    server: v.object({ gracefulSeconds: envDuration(5_000), port: envInteger(80, { min: 1, max: 65_535 }) }),
    internalSecret: withEnvName(envSecret({ required: true, minLength: 32 }), 'LW_GATEWAY_INTERNAL_SECRET'),
    jwtSecret: withEnvName(envSecret({ required: true }), 'LW_GATEWAY_JWT_SECRET'),
    maxBody: envBytes(),
    baseUrl: envUrl(),
  })

  it('reports every bad or missing variable at once, masking secrets', () => {
    const error = catchConfigError(() =>
      hydrateConfig(schema, {
        env: {
          SERVER_GRACEFUL_SECONDS: 'abc',
          SERVER_PORT: '70000',
          LW_GATEWAY_INTERNAL_SECRET: 'too-short-secret-value',
          MAX_BODY: '1.5',
          BASE_URL: 'localhost:5560',
        },
      }),
    )
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'SERVER_GRACEFUL_SECONDS',
      'SERVER_PORT',
      'LW_GATEWAY_INTERNAL_SECRET',
      'LW_GATEWAY_JWT_SECRET',
      'MAX_BODY',
      'BASE_URL',
    ])
    expect(error.issues.map((issue) => issue.message)).toEqual([
      'SERVER_GRACEFUL_SECONDS="abc": expected a duration like 5s, 1m30s, 250ms or a number of seconds',
      'SERVER_PORT="70000": expected an integer between 1 and 65535',
      'LW_GATEWAY_INTERNAL_SECRET="***": expected a secret of at least 32 characters',
      'LW_GATEWAY_JWT_SECRET is required (expected a non-empty secret)',
      'MAX_BODY="1.5": expected a whole number of bytes or a size like 512KiB, 32MiB, 10MB, 1GiB',
      'BASE_URL="localhost:5560": expected an absolute http or https URL',
    ])
    expect(error.issues[2]?.value).toBe('***')
    expect(error.message).not.toContain('too-short-secret-value')
    expect(error.message.split('\n')).toHaveLength(7)
    expect(error.message.split('\n')[0]).toBe('Invalid configuration (6 problems):')
  })

  it('never shows a secret value in a failing pipe message', () => {
    const checked = v.object({ token: v.pipe(envSecret({ required: true }), v.regex(/^tok_/)) })
    const error = catchConfigError(() => hydrateConfig(checked, { env: { TOKEN: 'hunter2-secret' } }))
    expect(error.message).not.toContain('hunter2')
    expect(error.issues[0]?.value).toBe('***')
  })
})

describe('hydrateConfig aliases', () => {
  const schema = v.object({
    server: v.object({ addr: envString(':5563') }),
    logLevel: envEnum(['info', 'debug'], 'info'),
  })
  const aliases = { GATEWAY_LISTEN_ADDR: 'SERVER_ADDR', GATEWAY_LOG_LEVEL: 'LOG_LEVEL' }

  afterEach(() => resetDeprecationWarnings())

  it('lets the canonical name win when both are set, without a deprecation', () => {
    const onDeprecation = vi.fn()
    const config = hydrateConfig(schema, {
      env: { SERVER_ADDR: ':1', GATEWAY_LISTEN_ADDR: ':2' },
      aliases,
      onDeprecation,
    })
    expect(config.server.addr).toBe(':1')
    expect(onDeprecation).not.toHaveBeenCalled()
  })

  it('reads the legacy name when the canonical one is unset or empty', () => {
    const onDeprecation = vi.fn()
    const config = hydrateConfig(schema, {
      env: { SERVER_ADDR: '', GATEWAY_LISTEN_ADDR: ':2' },
      aliases,
      onDeprecation,
    })
    expect(config.server.addr).toBe(':2')
    expect(onDeprecation).toHaveBeenCalledWith('GATEWAY_LISTEN_ADDR', 'SERVER_ADDR')
  })

  it('reports each legacy name once per process across hydrations', () => {
    const onDeprecation = vi.fn()
    const env = { GATEWAY_LISTEN_ADDR: ':2', GATEWAY_LOG_LEVEL: 'debug' }
    hydrateConfig(schema, { env, aliases, onDeprecation })
    hydrateConfig(schema, { env, aliases, onDeprecation })
    expect(onDeprecation.mock.calls).toEqual([
      ['GATEWAY_LISTEN_ADDR', 'SERVER_ADDR'],
      ['GATEWAY_LOG_LEVEL', 'LOG_LEVEL'],
    ])
    resetDeprecationWarnings()
    hydrateConfig(schema, { env, aliases, onDeprecation })
    expect(onDeprecation).toHaveBeenCalledTimes(4)
  })

  it('warns on the console by default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    hydrateConfig(schema, { env: { GATEWAY_LISTEN_ADDR: ':2' }, aliases })
    expect(warn).toHaveBeenCalledOnce()
    expect(String(warn.mock.calls[0]?.[0])).toContain(
      'GATEWAY_LISTEN_ADDR is deprecated; rename it to SERVER_ADDR',
    )
    warn.mockRestore()
  })

  it('names the legacy variable when its value is bad', () => {
    const error = catchConfigError(() =>
      hydrateConfig(schema, { env: { GATEWAY_LOG_LEVEL: 'loud' }, aliases, onDeprecation: () => undefined }),
    )
    expect(error.issues[0]?.message).toBe(
      'GATEWAY_LOG_LEVEL="loud" (legacy name of LOG_LEVEL): expected one of info, debug',
    )
  })
})

describe('hydrateConfig output', () => {
  const defaults = ['a', 'b']
  const schema = v.object({ server: v.object({ addr: envString(':5563') }), models: envList(defaults) })

  it('deep-freezes the config so mutation throws in strict mode', () => {
    const config = hydrateConfig(schema, { env: {} })
    expect(Object.isFrozen(config)).toBe(true)
    expect(() => {
      ;(config.server as { addr: string }).addr = 'x'
    }).toThrow(TypeError)
    expect(() => (config.models as string[]).push('c')).toThrow(TypeError)
  })

  it('does not freeze default values owned by the schema', () => {
    hydrateConfig(schema, { env: {} })
    expect(Object.isFrozen(defaults)).toBe(false)
  })

  it('reads process.env by default', () => {
    vi.stubEnv('SERVER_ADDR', ':7777')
    expect(hydrateConfig(schema).server.addr).toBe(':7777')
    vi.unstubAllEnvs()
  })
})

describe('hydrateConfig refine', () => {
  const schema = v.object({
    server: v.object({ gracefulSeconds: envDuration(5_000), preDrain: envDuration(0) }),
    admin: v.object({ addr: v.optional(envString()), authToken: envSecret() }),
  })

  it('throws the refine issues as one ConfigError on an otherwise valid config', () => {
    const error = catchConfigError(() =>
      hydrateConfig(schema, {
        env: { SERVER_GRACEFUL_SECONDS: '5', SERVER_PRE_DRAIN: '10s', ADMIN_ADDR: '0.0.0.0:6060' },
        refine: (config) => {
          const issues = []
          if (config.server.preDrain >= config.server.gracefulSeconds) {
            issues.push(
              createConfigIssue({
                variable: 'SERVER_PRE_DRAIN',
                value: '10s',
                expected: 'less than SERVER_GRACEFUL_SECONDS',
              }),
            )
          }
          if (config.admin.addr !== undefined && config.admin.authToken === undefined) {
            issues.push(
              createConfigIssue({
                variable: 'ADMIN_AUTH_TOKEN',
                value: undefined,
                expected: 'a token',
                problem: 'is required on a non-loopback ADMIN_ADDR',
              }),
            )
          }
          return issues
        },
      }),
    )
    expect(error.issues.map((issue) => issue.message)).toEqual([
      'SERVER_PRE_DRAIN="10s": expected less than SERVER_GRACEFUL_SECONDS',
      'ADMIN_AUTH_TOKEN is required on a non-loopback ADMIN_ADDR (expected a token)',
    ])
  })

  it('passes the frozen config to refine and returns it when refine finds nothing', () => {
    const refine = vi.fn((_config: object): ConfigIssue[] => [])
    const config = hydrateConfig(schema, { env: {}, refine })
    expect(refine).toHaveBeenCalledWith(config)
    expect(Object.isFrozen(refine.mock.calls[0]?.[0])).toBe(true)
  })

  it('does not run refine when fields are invalid', () => {
    const refine = vi.fn(() => [])
    expect(() => hydrateConfig(schema, { env: { SERVER_PRE_DRAIN: 'soon' }, refine })).toThrow(ConfigError)
    expect(refine).not.toHaveBeenCalled()
  })
})
