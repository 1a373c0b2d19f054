import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { defineEnvField, findFieldMeta, notParsed, parsed } from './field-meta.js'
import { envBytes, envDuration, envInteger, envNumber } from './fields-numeric.js'
import { envEnum, envSecret, envString, envUrl } from './fields-text.js'
import { hydrateConfig } from './hydrate-config.js'

describe('field builders', () => {
  it('refuse defaults the field could never produce', () => {
    expect(() => envInteger(0, { min: 1 })).toThrow(/envInteger: default 0 is not an integer >= 1/)
    expect(() => envInteger(1.5)).toThrow(TypeError)
    expect(() => envNumber(2, { min: 0, max: 1 })).toThrow(TypeError)
    expect(() => envDuration(-1)).toThrow(TypeError)
    expect(() => envDuration(1.5)).toThrow(TypeError)
    expect(() => envBytes(0.5)).toThrow(TypeError)
    expect(() => envEnum(['a', 'b'], 'c' as 'a')).toThrow(TypeError)
    expect(() => envUrl('localhost:1')).toThrow(TypeError)
  })

  it('are found through pipes and optional wrappers', () => {
    const field = envString('x')
    expect(findFieldMeta(v.optional(v.pipe(field, v.minLength(1))))).toBe(findFieldMeta(field))
  })

  it('mark secrets and make them optional unless required', () => {
    expect(findFieldMeta(envSecret())).toMatchObject({ secret: true, optional: true })
    expect(findFieldMeta(envSecret({ required: true }))).toMatchObject({ secret: true, optional: false })
    expect(findFieldMeta(envString())).toMatchObject({ secret: false, optional: false })
  })

  it('are real valibot schemas for the typed value', () => {
    expect(v.is(envDuration(), 5_000)).toBe(true)
    expect(v.is(envEnum(['a', 'b']), 'c')).toBe(false)
  })
})

describe('defineEnvField', () => {
  it('adds a custom field type that hydrates and reports like the built-in ones', () => {
    const envHexColor = () =>
      defineEnvField<string>(v.string(), {
        expected: 'a hex colour like #a0b1c2',
        secret: false,
        optional: false,
        defaultValue: '#000000',
        parse: (raw) => (/^#[0-9a-f]{6}$/i.test(raw) ? parsed(raw.toLowerCase()) : notParsed),
      })
    const schema = v.object({ theme: v.object({ color: envHexColor() }) })
    expect(hydrateConfig(schema, { env: { THEME_COLOR: '#A0B1C2' } }).theme.color).toBe('#a0b1c2')
    expect(() => hydrateConfig(schema, { env: { THEME_COLOR: 'red' } })).toThrow(
      'THEME_COLOR="red": expected a hex colour like #a0b1c2',
    )
  })
})
