// `pnpm gw-cp …` and `pnpm gw-gateway …` from the repository root: runs the built binary, and
// points gw-cp at the stack of `pnpm start` (URL and admin token from GW_DATA_DIR, default .data/)
// unless CONTROL_PLANE_URL / CONTROL_PLANE_ADMIN_TOKEN or --url / --token say otherwise.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const binaries = {
  'gw-cp': { file: 'apps/control-plane/dist/cli.js', flags: [] },
  // the gateway's shebang flags (a smaller young generation), as `pnpm --filter @gw/gateway start` uses
  'gw-gateway': { file: 'apps/gateway/dist/main.js', flags: ['--max-semi-space-size=8'] },
}
const [name, ...args] = process.argv.slice(2)
const binary = binaries[name]
if (binary === undefined) {
  console.error(`run-bin: unknown binary ${name}; one of ${Object.keys(binaries).join(', ')}`)
  process.exit(2)
}
const file = join(root, binary.file)
if (!existsSync(file)) {
  console.error(`${binary.file} is missing: run pnpm build first`)
  process.exit(2)
}

const env = { ...process.env }
if (name === 'gw-cp') {
  const secretsFile = join(resolve(env.GW_DATA_DIR ?? join(root, '.data')), 'secrets.json')
  if (env.CONTROL_PLANE_ADMIN_TOKEN === undefined && existsSync(secretsFile)) {
    env.CONTROL_PLANE_ADMIN_TOKEN = JSON.parse(readFileSync(secretsFile, 'utf8')).CONTROL_PLANE_ADMIN_TOKEN
    env.CONTROL_PLANE_URL ??= `http://127.0.0.1:${env.CONTROL_PLANE_PORT ?? 5560}`
  }
}
// pnpm passes a leading `--` through (`pnpm gw-cp -- key list`): drop it.
const forwarded = args[0] === '--' ? args.slice(1) : args
const result = spawnSync(process.execPath, [...binary.flags, file, ...forwarded], { env, stdio: 'inherit' })
process.exit(result.status ?? 1)
