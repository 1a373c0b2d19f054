import { ConfigError } from '@gw/config-hydrate'
import { describe, expect, it } from 'vitest'
import { loadControlPlaneConfig } from './config.js'
import { generateControlPlaneSecrets } from './dev-secrets.js'
import { testSecrets } from './test-utils/harness.js'

describe('loadControlPlaneConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadControlPlaneConfig({ ...testSecrets })
    expect(config.controlPlane.addr).toBe(':5560')
    expect(config.controlPlane.dataDir).toBe('.data/control-plane')
    expect(config.controlPlane.bundleTtl).toBe(900_000)
    expect(config.controlPlane.changesMaxWait).toBe(25_000)
    expect(config.databaseUrl).toBeUndefined()
    expect(config.environment).toBe('local')
    expect(config.logLevel).toBe('info')
  })

  it('names every missing secret in one error, in every environment', () => {
    try {
      loadControlPlaneConfig({ ENVIRONMENT: 'local' })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      const variables = (error as ConfigError).issues.map((issue) => issue.variable).sort()
      expect(variables).toEqual([
        'CONTROL_PLANE_ADMIN_TOKEN',
        'CONTROL_PLANE_ENCRYPTION_KEY',
        'LW_GATEWAY_INTERNAL_SECRET',
        'LW_GATEWAY_JWT_SECRET',
        'LW_VIRTUAL_KEY_PEPPER',
      ])
    }
  })

  it('refuses a malformed encryption key, database URL or long-poll ceiling without echoing secrets', () => {
    try {
      loadControlPlaneConfig({
        ...testSecrets,
        CONTROL_PLANE_ENCRYPTION_KEY: 'too-short-secret-material',
        DATABASE_URL: 'mysql://user:hunter2@db/x',
        CONTROL_PLANE_CHANGES_MAX_WAIT: '60s',
      })
      expect.unreachable()
    } catch (error) {
      const message = (error as ConfigError).message
      expect(message).toContain('CONTROL_PLANE_ENCRYPTION_KEY')
      expect(message).toContain('DATABASE_URL')
      expect(message).toContain('CONTROL_PLANE_CHANGES_MAX_WAIT')
      expect(message).not.toContain('too-short-secret-material')
      expect(message).not.toContain('hunter2')
    }
  })
})

describe('generateControlPlaneSecrets', () => {
  it('produces a fresh set of secrets the config accepts', () => {
    const first = generateControlPlaneSecrets()
    expect(() => loadControlPlaneConfig(first)).not.toThrow()
    expect(generateControlPlaneSecrets().LW_VIRTUAL_KEY_PEPPER).not.toBe(first.LW_VIRTUAL_KEY_PEPPER)
  })
})

describe('CONTROL_PLANE_ADDR', () => {
  it('is refused at start when it is not a listen address', () => {
    expect(() => loadControlPlaneConfig({ ...testSecrets, CONTROL_PLANE_ADDR: '5560' })).toThrow(
      /CONTROL_PLANE_ADDR/,
    )
  })
})
