// `pnpm start`: the whole stack offline — the mock provider, the control plane on embedded
// Postgres (PGlite), and the gateway — with a demo key printed. Run after `turbo run build`.
// `pnpm start --new-key` replaces the demo key kept in the data directory.
import { spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { findTakenPorts } from './stack/check-ports.mjs'
import { ensureDemoKey } from './stack/demo-key.mjs'

const root = new URL('..', import.meta.url).pathname
const dataDir = resolve(process.env.GW_DATA_DIR ?? join(root, '.data'))
const ports = {
  mock: Number(process.env.MOCK_PORT ?? 5580),
  controlPlane: Number(process.env.CONTROL_PLANE_PORT ?? 5560),
  gateway: Number(process.env.GATEWAY_PORT ?? 5563),
}
const newKey = process.argv.slice(2).includes('--new-key')
const unknownArgs = process.argv.slice(2).filter((arg) => arg !== '--new-key' && arg !== '--')
if (unknownArgs.length > 0) {
  console.error(`unknown argument ${unknownArgs.join(' ')}: pnpm start accepts only --new-key`)
  process.exit(2)
}
const taken = await findTakenPorts([
  { port: ports.mock, variable: 'MOCK_PORT' },
  { port: ports.controlPlane, variable: 'CONTROL_PLANE_PORT' },
  { port: ports.gateway, variable: 'GATEWAY_PORT' },
])
if (taken.length > 0) {
  for (const message of taken) console.error(message)
  process.exit(1)
}
const { createAdminClient, generateControlPlaneSecrets } = await import(
  join(root, 'apps/control-plane/dist/index.js')
)

mkdirSync(join(dataDir, 'logs'), { recursive: true })
const secretsFile = join(dataDir, 'secrets.json')
// Generated once and kept with the data: a new pepper would orphan every stored key.
if (!existsSync(secretsFile)) {
  writeFileSync(secretsFile, JSON.stringify(generateControlPlaneSecrets(), null, 2))
  chmodSync(secretsFile, 0o600)
}
const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'))

const children = []
// Node flags a script's shebang asks for (`#!/usr/bin/env -S node --flag`): spawning `node script`
// bypasses the shebang, so they are passed here (the gateway caps V8's young generation).
function shebangFlags(file) {
  const match = /^#!\/usr\/bin\/env -S node((?:\s+--\S+)*)\s*$/.exec(
    readFileSync(file, 'utf8').split('\n', 1)[0],
  )
  return match?.[1]?.trim().split(/\s+/).filter(Boolean) ?? []
}

function start(name, script, args, env) {
  const log = openSync(join(dataDir, 'logs', `${name}.log`), 'a')
  const file = join(root, script)
  // detached: a terminal's Ctrl-C reaches this process only, which then sends each child one
  // SIGTERM (a second signal would make the gateway log shutdown_signal_repeated and cut requests).
  const child = spawn(process.execPath, [...shebangFlags(file), file, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
    detached: true,
  })
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); see ${join(dataDir, 'logs', `${name}.log`)}`)
      stop(1)
    }
  })
  children.push(child)
}

let stopping = false
function stop(code = 0) {
  if (stopping) return
  stopping = true
  if (code === 0) console.log('\nstopping…')
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null)
  for (const child of running) child.kill('SIGTERM')
  setTimeout(() => process.exit(code), 6_000).unref()
  Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve)))).then(() => {
    if (code === 0) console.log('stopped')
    process.exit(code)
  })
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))
process.on('SIGHUP', () => stop(0))
// Detached children outlive a crash of this script unless killed here.
process.on('exit', () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
})

async function waitFor(url, name) {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  console.error(`${name} did not become ready at ${url}; see ${join(dataDir, 'logs')}`)
  stop(1)
}

const mockUrl = `http://127.0.0.1:${ports.mock}`
const controlPlaneUrl = `http://127.0.0.1:${ports.controlPlane}`
const gatewayUrl = `http://127.0.0.1:${ports.gateway}`
start('mock-provider', 'packages/mock-provider/dist/cli.js', ['--port', String(ports.mock), '--quiet'], {})
start('control-plane', 'apps/control-plane/dist/main.js', [], {
  ...secrets,
  CONTROL_PLANE_ADDR: `127.0.0.1:${ports.controlPlane}`,
  CONTROL_PLANE_DATA_DIR: join(dataDir, 'control-plane'),
})
await waitFor(`${controlPlaneUrl}/healthz`, 'control plane')
start('gateway', 'apps/gateway/dist/main.js', [], {
  SERVER_ADDR: `127.0.0.1:${ports.gateway}`,
  LW_GATEWAY_BASE_URL: controlPlaneUrl,
  LW_GATEWAY_INTERNAL_SECRET: secrets.LW_GATEWAY_INTERNAL_SECRET,
  LW_GATEWAY_JWT_SECRET: secrets.LW_GATEWAY_JWT_SECRET,
  // Local stack: no load balancer to wait for, so Ctrl-C stops the gateway at once.
  SERVER_DRAIN_DELAY_SECONDS: process.env.SERVER_DRAIN_DELAY_SECONDS ?? '0',
})
await waitFor(`${mockUrl}/v1/models`, 'mock provider')
await waitFor(`${gatewayUrl}/startupz`, 'gateway')

// The demo tenant: one OpenAI and one Anthropic credential, both pointing at the mock provider.
const admin = createAdminClient({ url: controlPlaneUrl, token: secrets.CONTROL_PLANE_ADMIN_TOKEN })
const find = async (path, predicate) => (await admin.request('GET', path)).data.find(predicate)
const org =
  (await find('/organizations', (o) => o.slug === 'demo')) ??
  (await admin.request('POST', '/organizations', { name: 'Demo', slug: 'demo' }))
const project =
  (await find(`/projects?organization_id=${org.id}`, (p) => p.name === 'demo')) ??
  (await admin.request('POST', '/projects', { organization_id: org.id, name: 'demo' }))
const credential = async (type, name, baseUrl) =>
  (await find(`/provider-credentials?project_id=${project.id}`, (p) => p.name === name)) ??
  (await admin.request('POST', '/provider-credentials', {
    project_id: project.id,
    type,
    name,
    credentials: { api_key: 'mock-key' },
    base_url: baseUrl,
  }))
const openai = await credential('openai', 'openai-mock', `${mockUrl}/v1`)
const anthropic = await credential('anthropic', 'anthropic-mock', mockUrl)
const issued = await ensureDemoKey({
  admin,
  file: join(dataDir, 'demo-key.json'),
  projectId: project.id,
  config: { fallback: { chain: [openai.id, anthropic.id], max_attempts: null } },
  newKey,
})

console.log(`
gateway        ${gatewayUrl}
control plane  ${controlPlaneUrl}   (admin token in ${secretsFile})
mock provider  ${mockUrl}
logs           ${join(dataDir, 'logs')}

demo key       ${issued.key}   (${issued.fresh ? 'new' : 'kept from the last start'}; pnpm start --new-key replaces it)

curl ${gatewayUrl}/v1/chat/completions \\
  -H "Authorization: Bearer ${issued.key}" -H "Content-Type: application/json" \\
  -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'

curl ${gatewayUrl}/v1/messages \\
  -H "x-api-key: ${issued.key}" -H "anthropic-version: 2023-06-01" -H "Content-Type: application/json" \\
  -d '{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"Hello"}]}'

Ctrl-C stops everything.`)
