// `pnpm test`: vitest in every package through turbo (one package at a time), then the summed
// result. turbo replays a package's tests from its cache when nothing it depends on changed; the
// summary then says so loudly, and `pnpm test --force` runs everything again. --continue: a
// failing package does not stop the others, so the summary counts every package.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
// A report left by an earlier run must not be summed as this run's: turbo writes a fresh one, or
// restores the cached one on a cache hit.
for (const dir of ['packages', 'apps', 'e2e'].flatMap((folder) =>
  existsSync(join(root, folder))
    ? readdirSync(join(root, folder)).map((name) => join(root, folder, name))
    : [],
)) {
  rmSync(join(dir, '.vitest-results.json'), { force: true })
}
for (const dir of ['bench', 'charts', 'scripts'])
  rmSync(join(root, dir, '.vitest-results.json'), { force: true })
const runsDir = join(root, '.turbo', 'runs')
// --summarize writes one JSON per run; only this run's is kept for sum-test-results.mjs to read.
rmSync(runsDir, { recursive: true, force: true })
const args = process.argv.slice(2).filter((arg) => arg !== '--')
const turbo = spawnSync('turbo', ['run', 'test', '--concurrency=1', '--continue', '--summarize', ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  shell: process.platform === 'win32',
})
const summary = spawnSync(process.execPath, [join(root, 'scripts', 'sum-test-results.mjs')], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(turbo.status ?? summary.status ?? 1)
