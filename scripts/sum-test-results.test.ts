// The closing line of `pnpm test`: sums, lists skipped tests with their reasons, and says loudly
// when turbo replayed test results from its cache instead of running them.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repositoryRoot } from './stack/start-test-stack.js'

function fakeRepository(cacheStatuses: string[] | null): string {
  const root = mkdtempSync(join(tmpdir(), 'gw-sum-'))
  const dir = join(root, 'packages', 'a')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'a', scripts: { test: 'vitest run' } }))
  writeFileSync(
    join(dir, '.vitest-results.json'),
    JSON.stringify({
      numTotalTestSuites: 1,
      numPassedTests: 3,
      numFailedTests: 0,
      success: true,
      testResults: [
        {
          assertionResults: [
            { title: 'works', status: 'passed' },
            { title: 'passes promtool check metrics (promtool is not on PATH)', status: 'skipped' },
          ],
        },
      ],
    }),
  )
  if (cacheStatuses !== null) {
    mkdirSync(join(root, '.turbo', 'runs'), { recursive: true })
    const tasks = cacheStatuses.map((status) => ({ task: 'test', cache: { status } }))
    writeFileSync(join(root, '.turbo', 'runs', 'run.json'), JSON.stringify({ tasks }))
  }
  return root
}

function summarize(root: string): string[] {
  return execFileSync(process.execPath, [join(repositoryRoot, 'scripts/sum-test-results.mjs'), root], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
}

describe('sum-test-results', () => {
  it('ends with "N passed, N failed" after listing skipped tests with their reasons', () => {
    const lines = summarize(fakeRepository(['MISS']))
    expect(lines.at(-1)).toBe('3 passed, 0 failed')
    expect(lines).toContain('  packages/a: passes promtool check metrics (promtool is not on PATH)')
  })

  it('says CACHED when turbo replayed test tasks instead of running them', () => {
    expect(summarize(fakeRepository(['HIT', 'MISS'])).at(-1)).toBe(
      "3 passed, 0 failed (CACHED: 1 of 2 packages replayed from turbo's cache, not run; pnpm test --force runs them)",
    )
  })
})
