// Checks that hydrated configs infer the right types (asserted by tsc, run trivially by vitest).
import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { withEnvName } from './env-name.js'
import { envBoolean, envBytes, envDuration, envInteger, envNumber } from './fields-numeric.js'
import { envEnum, envKeyValues, envList, envSecret, envString, envUrl } from './fields-text.js'
import { hydrateConfig } from './hydrate-config.js'

const schema = v.object({
  server: v.object({
    addr: envString(':5563'),
    gracefulSeconds: envDuration(5_000),
    maxRequestBodyBytes: envBytes(33_554_432),
  }),
  internalSecret: withEnvName(envSecret({ required: true }), 'LW_GATEWAY_INTERNAL_SECRET'),
  jwtSecretPrevious: envSecret(),
  logLevel: envEnum(['debug', 'info', 'warn', 'error'], 'info'),
  sampleRatio: v.optional(envNumber()),
  workers: envInteger(2),
  debugBody: envBoolean(false),
  endpoint: v.optional(envUrl()),
  flags: envList([]),
  headers: envKeyValues({ secret: true }),
})

describe('type inference', () => {
  it('infers durations and bytes as numbers, booleans, enums and optional fields', () => {
    const config = hydrateConfig(schema, { env: { LW_GATEWAY_INTERNAL_SECRET: 's' } })
    expectTypeOf(config.server.gracefulSeconds).toEqualTypeOf<number>()
    expectTypeOf(config.server.maxRequestBodyBytes).toEqualTypeOf<number>()
    expectTypeOf(config.server.addr).toEqualTypeOf<string>()
    expectTypeOf(config.internalSecret).toEqualTypeOf<string>()
    expectTypeOf(config.jwtSecretPrevious).toEqualTypeOf<string | undefined>()
    expectTypeOf(config.logLevel).toEqualTypeOf<'debug' | 'info' | 'warn' | 'error'>()
    expectTypeOf(config.sampleRatio).toEqualTypeOf<number | undefined>()
    expectTypeOf(config.debugBody).toEqualTypeOf<boolean>()
    expectTypeOf(config.endpoint).toEqualTypeOf<string | undefined>()
    expectTypeOf(config.flags).toEqualTypeOf<readonly string[]>()
    expectTypeOf(config.headers).toEqualTypeOf<{ readonly [key: string]: string }>()
    expectTypeOf(config.workers).toEqualTypeOf<number>()
  })

  it('makes the config read-only at every level', () => {
    const config = hydrateConfig(schema, { env: { LW_GATEWAY_INTERNAL_SECRET: 's' } })
    expectTypeOf(config.server).toEqualTypeOf<{
      readonly addr: string
      readonly gracefulSeconds: number
      readonly maxRequestBodyBytes: number
    }>()
    expectTypeOf(config.flags).not.toHaveProperty('push')
  })
})
