// Sums every package's vitest JSON report into the one closing line CI reads:
// "N passed, N failed". A package whose report is missing counts as one failure. When turbo's
// run summary (.turbo/runs, from `turbo run test --summarize`) shows test tasks replayed from the
// cache, the line says so: those tests did not run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const workspaces = ['packages', 'apps']
  .flatMap((folder) =>
    readdirSync(join(root, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(root, folder, entry.name)),
  )
  .concat(join(root, 'bench'), join(root, 'scripts'))

let passed = 0
let failed = 0
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
  passed += result.numPassedTests ?? 0
  failed +=
    (result.numFailedTests ?? 0) +
    (result.numTotalTestSuites > 0 && result.success === false && !result.numFailedTests ? 1 : 0)
}
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
