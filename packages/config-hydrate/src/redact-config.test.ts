import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { withEnvName } from './env-name.js'
import { envInteger } from './fields-numeric.js'
import { envKeyValues, envList, envSecret, envString } from './fields-text.js'
import { hydrateConfig } from './hydrate-config.js'
import { redactConfig } from './redact-config.js'

const schema = v.object({
  server: v.object({ addr: envString(':5563'), port: envInteger(80) }),
  secrets: v.object({
    internal: withEnvName(envSecret({ required: true }), 'LW_GATEWAY_INTERNAL_SECRET'),
    previous: envSecret(),
  }),
  otel: v.object({ headers: envKeyValues({ secret: true }), tags: envList([]) }),
})

describe('redactConfig', () => {
  it('keeps the nesting, masks set secrets as *** and shows unset secrets as null', () => {
    const config = hydrateConfig(schema, {
      env: {
        LW_GATEWAY_INTERNAL_SECRET: 'super-secret',
        OTEL_HEADERS: 'Authorization=Bearer abc',
        OTEL_TAGS: 'a,b',
      },
    })
    expect(redactConfig(schema, config)).toEqual({
      server: { addr: ':5563', port: 80 },
      secrets: { internal: '***', previous: null },
      otel: { headers: { Authorization: '***' }, tags: ['a', 'b'] },
    })
  })

  it('returns a mutable copy that shares nothing with the frozen config', () => {
    const config = hydrateConfig(schema, { env: { LW_GATEWAY_INTERNAL_SECRET: 's', OTEL_TAGS: 'a' } })
    const dump = redactConfig(schema, config) as { otel: { tags: string[] } }
    dump.otel.tags.push('b')
    expect(config.otel.tags).toEqual(['a'])
    expect(JSON.stringify(dump)).not.toContain('"s"')
  })
})
