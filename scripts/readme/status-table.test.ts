// The root README's Status table stays true: "works" rows point at a test that exists, and
// "not yet" rows whose place can be inspected (a package, the chart) have nothing there yet.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repositoryRoot } from '../stack/start-test-stack.js'

interface StatusRow {
  feature: string
  status: string
  where: string
}

function readStatusTable(): StatusRow[] {
  const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8')
  const section = readme.split('\n## Status\n')[1]?.split('\n## ')[0] ?? ''
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| feature') && !line.startsWith('|---'))
    .map((line) => {
      const [feature = '', status = '', where = ''] = line
        .slice(2, -2)
        .split(' | ')
        .map((cell) => cell.trim())
      return { feature, status, where: where.replaceAll('`', '') }
    })
}

/** A package "has something" once its index exports more than `export {}`. */
function packageExportsSomething(dir: string): boolean {
  const index = readFileSync(join(repositoryRoot, dir, 'src/index.ts'), 'utf8')
  return /^export (?!\{\})/m.test(index)
}

describe('README Status table', () => {
  const rows = readStatusTable()

  it('has rows, each marked works or not yet', () => {
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows) expect(['works', 'not yet'], row.feature).toContain(row.status)
  })

  it('names an existing test file for every feature that works', () => {
    for (const row of rows.filter((candidate) => candidate.status === 'works')) {
      expect(row.where, row.feature).toMatch(/\.test\.ts$/)
      expect(existsSync(join(repositoryRoot, row.where)), `${row.feature}: ${row.where}`).toBe(true)
    }
  })

  it('says not yet only where the package or chart is still empty', () => {
    for (const row of rows.filter((candidate) => candidate.status === 'not yet')) {
      // An app (apps/…) or a folder of one is not inspected: it exists for other reasons.
      if (row.where.startsWith('packages/') && existsSync(join(repositoryRoot, row.where, 'src/index.ts'))) {
        expect(
          packageExportsSomething(row.where),
          `${row.feature} is marked not yet, but ${row.where} exports`,
        ).toBe(false)
      }
      if (row.where.startsWith('charts/')) {
        expect(
          existsSync(join(repositoryRoot, row.where, 'Chart.yaml')),
          `${row.feature}: ${row.where}`,
        ).toBe(false)
      }
    }
  })
})
