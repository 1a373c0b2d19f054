import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { renderErrorCodeTable } from './error-code-docs.js'
import { errorCodes } from './errors.js'

describe('the error-code table in README.md', () => {
  it('is the table generated from errorCodes (run `pnpm --filter @gw/contract docs:errors` when this fails)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const section = readme.split('<!-- error-codes:start -->')[1]?.split('<!-- error-codes:end -->')[0]
    expect(section?.trim()).toBe(renderErrorCodeTable())
  })

  it('has one row per code with its status', () => {
    const table = renderErrorCodeTable()
    for (const [code, { status }] of Object.entries(errorCodes))
      expect(table).toContain(`| \`${code}\` | ${status} |`)
  })
})
