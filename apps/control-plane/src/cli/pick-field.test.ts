import { describe, expect, it } from 'vitest'
import { pickField } from './pick-field.js'

describe('pickField', () => {
  it('prints strings bare and other values as JSON, following dotted paths into objects and arrays', () => {
    const answer = { virtual_key: { id: 'vk1', revision: 3 }, key: 'lw_vk_live_x', data: [{ name: 'a' }] }
    expect(pickField(answer, 'key')).toBe('lw_vk_live_x')
    expect(pickField(answer, 'virtual_key.id')).toBe('vk1')
    expect(pickField(answer, 'virtual_key.revision')).toBe('3')
    expect(pickField(answer, 'data.0.name')).toBe('a')
    expect(pickField(answer, 'virtual_key')).toBe('{"id":"vk1","revision":3}')
  })

  it('returns undefined for a path that names nothing', () => {
    expect(pickField({ a: { b: 1 } }, 'a.c')).toBeUndefined()
    expect(pickField({ a: 'text' }, 'a.length')).toBeUndefined()
  })
})
