// Child entry: the reference control plane from its configuration in the environment.
// Prints `BENCH_READY url=…`. On stdin, `seed <id> <template key id> <rows file>` bulk-inserts keys
// and `unseed <id>` deletes them again (see bulk-seed.ts); each reply names its command's id
// (`BENCH_SEEDED <id> <count>`, see stack/child-command.ts).
import { createInterface } from 'node:readline'
import { loadControlPlaneConfig, startControlPlane } from '@gw/control-plane'
import { deleteSeededKeys, insertKeyRows } from './bulk-seed.js'

const server = await startControlPlane(loadControlPlaneConfig(process.env))
console.log(`BENCH_READY url=${server.url}`)

const reply = (name: string, id: string, work: Promise<number>) =>
  work.then(
    (count) => console.log(`BENCH_${name}ED ${id} ${count}`),
    (error: unknown) =>
      console.log(`BENCH_${name}_FAILED ${id} ${error instanceof Error ? error.message : String(error)}`),
  )

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, id, templateKeyId, rowsFile] = line.split(' ')
  if (id === undefined) return
  if (command === 'unseed') void reply('UNSEED', id, deleteSeededKeys(server.db))
  if (command === 'seed' && templateKeyId !== undefined && rowsFile !== undefined) {
    void reply('SEED', id, insertKeyRows(server.db, templateKeyId, rowsFile))
  }
})

process.on('SIGTERM', () => {
  void server.close().finally(() => process.exit(0))
})
