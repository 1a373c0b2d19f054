// Child entry: the reference control plane from its configuration in the environment.
// Prints `BENCH_READY url=…`. On stdin, `seed <template key id> <rows file>` bulk-inserts keys and
// `unseed` deletes them again (see bulk-seed.ts).
import { createInterface } from 'node:readline'
import { loadControlPlaneConfig, startControlPlane } from '@gw/control-plane'
import { deleteSeededKeys, insertKeyRows } from './bulk-seed.js'

const server = await startControlPlane(loadControlPlaneConfig(process.env))
console.log(`BENCH_READY url=${server.url}`)

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, templateKeyId, rowsFile] = line.split(' ')
  if (command === 'unseed') {
    deleteSeededKeys(server.db).then(
      (count) => console.log(`BENCH_UNSEEDED ${count}`),
      (error: unknown) =>
        console.log(`BENCH_UNSEED_FAILED ${error instanceof Error ? error.message : String(error)}`),
    )
    return
  }
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
