import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../test-utils/harness.js'
import { cliAgainst } from '../test-utils/run-cli-against.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

const cli = cliAgainst(() => h)

describe('gw-cp --field', () => {
  it('prints only the named field, so a shell can capture ids without jq', async () => {
    const org = await cli('org', 'create', '--name', 'Field Org', '--field', 'id')
    expect(org.code).toBe(0)
    expect(org.out).toMatch(/^org_[0-9A-Z]{26}$/)
    const project = await cli('project', 'create', '--org', org.out, '--name', 'p', '--field', 'id')
    const key = await cli('key', 'create', '--project', project.out, '--name', 'k', '--field', 'key')
    expect(key.out).toMatch(/^lw_vk_live_[0-9A-Z]{26}\S+$/)
  })

  it('exits 1 and says so when the answer has no such field', async () => {
    const result = await cli('org', 'create', '--name', 'No Field', '--field', 'nope')
    expect(result.code).toBe(1)
    expect(result.out).toBe('')
    expect(result.err).toContain('The answer has no field "nope"')
  })
})
