// Sums every package's vitest JSON report into the one closing line CI reads:
// "N passed, N failed". A package whose report is missing counts as one failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const workspaces = ['packages', 'apps']
  .flatMap((folder) =>
    readdirSync(join(root, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(root, folder, entry.name)),
  )
  .concat(join(root, 'bench'), join(root, 'charts'))

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
console.log(`${passed} passed, ${failed} failed`)
