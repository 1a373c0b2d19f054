// `pnpm pack:all`: one installable tarball per library package (packages/*) in one folder
// (default .packs/, or the first argument), after `pnpm build`. `pnpm pack` applies publishConfig
// (exports without the gw-source condition) and pins `workspace:*` dependencies to versions, so
// `npm install ./.packs/gw-providers-0.1.0.tgz ./.packs/gw-contract-0.1.0.tgz` works in any project.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const outDir = resolve(process.argv[2] ?? join(root, '.packs'))
mkdirSync(outDir, { recursive: true })

const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'packages', entry.name, 'package.json')))
  .map((entry) => join(root, 'packages', entry.name))
  .filter((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private !== true)

for (const dir of packages) {
  if (!existsSync(join(dir, 'dist'))) {
    console.error(`${dir}/dist is missing: run pnpm build first`)
    process.exit(1)
  }
  const output = execFileSync('pnpm', ['pack', '--pack-destination', outDir], {
    cwd: dir,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  })
  const tarball = output.trim().split('\n').at(-1)
  console.log(tarball)
}
