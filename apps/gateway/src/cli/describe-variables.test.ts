import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { describeVariables } from './describe-variables.js'

describe('describeVariables', () => {
  it('shows durations with a unit and env-dependent defaults in words', () => {
    const rows = new Map(describeVariables().map((row) => [row.variable, row]))
    expect(rows.get('SERVER_GRACEFUL_SECONDS')?.default).toBe('5s')
    expect(rows.get('SERVER_DRAIN_DELAY_SECONDS')?.default).toBe('5s (0 when ENVIRONMENT=local)')
    expect(rows.get('LW_GATEWAY_JWT_SECRET')?.secret).toBe(true)
    expect(rows.get('LOG_LEVEL')?.aliases).toEqual(['GATEWAY_LOG_LEVEL'])
  })

  it('is fully documented in the README table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    // Table cells may be padded by the formatter.
    for (const row of describeVariables())
      expect(readme).toMatch(new RegExp(`\\|\\s*\`${row.variable}\`\\s*\\|`))
  })
})
