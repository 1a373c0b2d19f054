import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { getEnvNameOverride, joinEnvName, toEnvName, withEnvName } from './env-name.js'
import { envString } from './fields-text.js'

describe('toEnvName', () => {
  it('turns camelCase keys into UPPER_SNAKE_CASE', () => {
    expect(toEnvName('addr')).toBe('ADDR')
    expect(toEnvName('maxRequestBodyBytes')).toBe('MAX_REQUEST_BODY_BYTES')
    expect(toEnvName('hardGrace')).toBe('HARD_GRACE')
  })

  it('keeps acronyms and digits together', () => {
    expect(toEnvName('otlpURL')).toBe('OTLP_URL')
    expect(toEnvName('baseURLPath')).toBe('BASE_URL_PATH')
    expect(toEnvName('l2Cache')).toBe('L2_CACHE')
  })

  it('normalises keys already in snake or kebab case', () => {
    expect(toEnvName('log_level')).toBe('LOG_LEVEL')
    expect(toEnvName('log-level')).toBe('LOG_LEVEL')
  })

  it('joins a parent prefix and a child key with an underscore', () => {
    expect(joinEnvName('', 'server')).toBe('SERVER')
    expect(joinEnvName('AUTH_CACHE', 'hardGrace')).toBe('AUTH_CACHE_HARD_GRACE')
  })
})

describe('withEnvName', () => {
  it('returns a renamed copy and leaves the original unnamed', () => {
    const field = envString('x')
    const renamed = withEnvName(field, 'LW_GATEWAY_BASE_URL')
    expect(renamed).not.toBe(field)
    expect(getEnvNameOverride(renamed)).toBe('LW_GATEWAY_BASE_URL')
    expect(getEnvNameOverride(field)).toBeUndefined()
  })

  it('keeps the copy a working valibot schema', () => {
    const renamed = withEnvName(v.pipe(envString(), v.minLength(2)), 'NAME')
    expect(v.safeParse(renamed, 'ab').success).toBe(true)
    expect(v.safeParse(renamed, 'a').success).toBe(false)
  })

  it('refuses invalid variable names', () => {
    expect(() => withEnvName(envString(), 'BAD NAME')).toThrow(TypeError)
    expect(() => withEnvName(envString(), '1ABC')).toThrow(TypeError)
  })
})
