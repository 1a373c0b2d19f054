// Child entry: the reference control plane from its configuration in the environment.
// Prints `BENCH_READY url=…`, or `BENCH_UNAVAILABLE <reason>` while @gw/control-plane lacks what it
// needs. On stdin, `seed <template key id> <rows file>` bulk-inserts keys (see bulk-seed.ts).
import { createInterface } from 'node:readline'
import { importExports } from '../../shared/optional-module.js'
import { insertKeyRows, type Queryable } from './bulk-seed.js'

type LoadConfig = (env: NodeJS.ProcessEnv) => unknown
type StartControlPlane = (config: unknown) => Promise<{ url: string; db: Queryable; close(): Promise<void> }>

const loaded = await importExports('@gw/control-plane', ['loadControlPlaneConfig', 'startControlPlane'])
if (!loaded.ok) {
  console.log(`BENCH_UNAVAILABLE ${loaded.reason}`)
  process.exit(0)
}
const loadConfig = loaded.exports.loadControlPlaneConfig as LoadConfig
const startControlPlane = loaded.exports.startControlPlane as StartControlPlane
const server = await startControlPlane(loadConfig(process.env))
console.log(`BENCH_READY url=${server.url}`)

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, templateKeyId, rowsFile] = line.split(' ')
  if (command !== 'seed' || templateKeyId === undefined || rowsFile === undefined) return
  insertKeyRows(server.db, templateKeyId, rowsFile).then(
    (count) => console.log(`BENCH_SEEDED ${count}`),
    (error: unknown) =>
      console.log(`BENCH_SEED_FAILED ${error instanceof Error ? error.message : String(error)}`),
  )
})

process.on('SIGTERM', () => {
  void server.close().finally(() => process.exit(0))
})
