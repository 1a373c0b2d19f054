import { afterEach, describe, expect, it } from 'vitest'
import { type ChildHandle, spawnChild } from '../processes.js'
import { runChildCommand } from './child-command.js'

// A child that answers `work <id> <ms> <n>` with `BENCH_WORKED <id> <n>` after `ms`, `fail <id>`
// with `BENCH_WORK_FAILED <id> nope`, and announces a stale reply of another id at start.
const script = `
console.log('BENCH_WORKED c-stale 1')
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, id, ms, n] = line.split(' ')
  if (command === 'work') setTimeout(() => console.log('BENCH_WORKED ' + id + ' ' + n), Number(ms))
  if (command === 'fail') console.log('BENCH_WORK_FAILED ' + id + ' nope')
})
console.log('READY')
`

let child: ChildHandle | undefined
afterEach(async () => {
  await child?.stop()
})

function start(): ChildHandle {
  child = spawnChild({
    name: 'echo',
    command: process.execPath,
    args: ['-e', script],
    pinning: { enabled: false, reason: 'test' },
    stdin: true,
  })
  return child
}

describe('runChildCommand', () => {
  it('waits for the reply naming its own command, not one printed before', async () => {
    const handle = start()
    await handle.waitForLine(/^READY$/, 10_000)
    expect(await runChildCommand(handle, 'work', ['150', '10000'], 'WORK', 10_000)).toBe('10000')
    // The first reply is still in the output: the second command must get its own.
    expect(await runChildCommand(handle, 'work', ['100', '50000'], 'WORK', 10_000)).toBe('50000')
  })

  it('rejects with the child’s reason when it reports a failure', async () => {
    const handle = start()
    await handle.waitForLine(/^READY$/, 10_000)
    await expect(runChildCommand(handle, 'fail', [], 'WORK', 10_000)).rejects.toThrow(
      'fail failed in the child: nope',
    )
  })
})
