import type { CachedKey } from '@gw/auth-cache'
import { describe, expect, it } from 'vitest'
import { customerTokenOf } from './build-trace-facts.js'

const keyWith = (token: string | null) => ({ config: { project_otlp_token: token } }) as unknown as CachedKey

describe('customerTokenOf', () => {
  it('is the project OTLP token, or undefined when the project has none', () => {
    expect(customerTokenOf(keyWith('otlp-1'))).toBe('otlp-1')
    expect(customerTokenOf(keyWith(null))).toBeUndefined()
    expect(customerTokenOf(keyWith(''))).toBeUndefined()
    expect(customerTokenOf(undefined)).toBeUndefined()
  })
})
