// `pnpm test`: vitest in every package through turbo (one package at a time), then the summed
// result. turbo replays a package's tests from its cache when nothing it depends on changed; the
// summary then says so loudly, and `pnpm test --force` runs everything again. --continue: a
// failing package does not stop the others, so the summary counts every package.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
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
