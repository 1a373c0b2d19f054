import { describe, expect, it } from 'vitest'
import { toWireProviderType } from './wire-provider-type.js'

describe('toWireProviderType', () => {
  it('maps ours to the contract names and leaves the others alone', () => {
    expect(toWireProviderType('openai-compatible')).toBe('custom')
    expect(toWireProviderType('azure-openai')).toBe('azure')
    expect(toWireProviderType('openai')).toBe('openai')
    expect(toWireProviderType('mock')).toBe('mock')
  })
})
