// Sums every package's vitest JSON report into the one closing line CI reads:
// "N passed, N failed". A package whose report is missing counts as one failure. When turbo's
// run summary (.turbo/runs, from `turbo run test --summarize`) shows test tasks replayed from the
// cache, the line says so: those tests did not run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

// The repository root; a test passes another one as the first argument.
const root = `${resolve(process.argv[2] ?? new URL('..', import.meta.url).pathname)}/`
const workspaces = ['packages', 'apps', 'e2e']
  .filter((folder) => existsSync(join(root, folder)))
  .flatMap((folder) =>
    readdirSync(join(root, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(root, folder, entry.name)),
  )
  .concat(join(root, 'bench'), join(root, 'charts'), join(root, 'scripts'))

let passed = 0
let failed = 0
const skipped = []
for (const dir of workspaces) {
  const manifest = join(dir, 'package.json')
  if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test) continue
  const report = join(dir, '.vitest-results.json')
  if (!existsSync(report)) {
    console.error(`no test report from ${dir}: counted as one failure`)
    failed += 1
    continue
  }
  const result = JSON.parse(readFileSync(report, 'utf8'))
  for (const file of result.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'skipped' || test.status === 'pending')
        skipped.push(`${dir.slice(root.length)}: ${test.title}`)
    }
  }
  passed += result.numPassedTests ?? 0
  failed +=
    (result.numFailedTests ?? 0) +
    (result.numTotalTestSuites > 0 && result.success === false && !result.numFailedTests ? 1 : 0)
}
// Skipped tests say why in their titles (a missing tool, a README block that cannot run).
if (skipped.length > 0)
  console.log(`skipped (${skipped.length}):\n${skipped.map((title) => `  ${title}`).join('\n')}`)
const cached = cachedTestTasks()
console.log(
  cached === null || cached.hits === 0
    ? `${passed} passed, ${failed} failed`
    : `${passed} passed, ${failed} failed (CACHED: ${cached.hits} of ${cached.total} packages replayed from turbo's cache, not run; pnpm test --force runs them)`,
)

function cachedTestTasks() {
  const runs = join(root, '.turbo', 'runs')
  if (!existsSync(runs)) return null
  const newest = readdirSync(runs)
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(runs, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  if (newest === undefined) return null
  const tasks = JSON.parse(readFileSync(newest, 'utf8')).tasks.filter((task) => task.task === 'test')
  return { hits: tasks.filter((task) => task.cache?.status === 'HIT').length, total: tasks.length }
}
