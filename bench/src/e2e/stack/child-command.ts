// One command to a bench child over stdin, and its own reply: `<command> <id> …` → `BENCH_<REPLY>ED <id> <detail>`.
import type { ChildHandle } from '../processes.js'

let lastId = 0

/**
 * Sends `<command> <id> <args…>` on the child's stdin and resolves with the detail of the reply
 * that names the same id (`BENCH_<reply>ED <id> <detail>`; `BENCH_<reply>_FAILED <id> <why>`
 * rejects). The id matters: `waitForLine` also matches lines already printed, so a second
 * `seed` once resolved on the first one's reply, before the child had inserted anything.
 *
 * @example
 * await runChildCommand(controlPlane.handle, 'seed', [templateKeyId, rowsFile], 'SEED', 300_000)
 */
export async function runChildCommand(
  handle: Pick<ChildHandle, 'send' | 'waitForLine'>,
  command: string,
  args: readonly string[],
  reply: string,
  timeoutMs: number,
): Promise<string> {
  lastId += 1
  const id = `c${process.pid}-${lastId}`
  const answer = handle.waitForLine(new RegExp(`^BENCH_${reply}(ED|_FAILED) ${id} ?(.*)$`), timeoutMs)
  handle.send([command, id, ...args].join(' '))
  const [, outcome, detail = ''] = await answer
  if (outcome !== 'ED') throw new Error(`${command} failed in the child: ${detail}`)
  return detail
}
