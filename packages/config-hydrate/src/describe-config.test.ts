import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { describeConfig } from './describe-config.js'
import { withEnvName } from './env-name.js'
import { envDuration } from './fields-numeric.js'
import { envSecret, envString, envUrl } from './fields-text.js'

describe('describeConfig', () => {
  it('lists variables in order with path, secrecy, requiredness, default and expected form', () => {
    const schema = v.object({
      server: v.object({ addr: envString(':5563'), gracefulSeconds: envDuration(5_000) }),
      jwtSecret: withEnvName(envSecret({ required: true }), 'LW_GATEWAY_JWT_SECRET'),
      otel: v.object({ endpoint: v.optional(envUrl()) }),
      fallbackToken: v.optional(envSecret(), 'dev-token'),
    })
    expect(describeConfig(schema)).toEqual([
      {
        variable: 'SERVER_ADDR',
        path: 'server.addr',
        secret: false,
        required: false,
        default: ':5563',
        expected: 'a string',
      },
      {
        variable: 'SERVER_GRACEFUL_SECONDS',
        path: 'server.gracefulSeconds',
        secret: false,
        required: false,
        default: 5_000,
        expected: 'a duration like 5s, 1m30s, 250ms or a number of seconds',
      },
      {
        variable: 'LW_GATEWAY_JWT_SECRET',
        path: 'jwtSecret',
        secret: true,
        required: true,
        expected: 'a non-empty secret',
      },
      {
        variable: 'OTEL_ENDPOINT',
        path: 'otel.endpoint',
        secret: false,
        required: false,
        expected: 'an absolute http or https URL',
      },
      {
        variable: 'FALLBACK_TOKEN',
        path: 'fallbackToken',
        secret: true,
        required: false,
        default: '***',
        expected: 'a non-empty secret',
      },
    ])
  })
})
