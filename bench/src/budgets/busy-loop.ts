// A child process that keeps `share` of one core busy (10 ms periods): a stand-in for the load the
// control plane's ledger ingest puts on the load generator's core, for the control row of bench:budgets.
import { type ChildProcess, spawn } from 'node:child_process'

/**
 * Starts the busy loop (on the caller's cores: the bench pins itself to core 0); `stop` ends it.
 *
 * @example
 * const loop = startBusyLoop(0.2) // 20 % of a core
 * try { await measure() } finally { await loop.stop() }
 */
export function startBusyLoop(share: number): { pid: number; stop(): Promise<void> } {
  const busyMs = Math.max(0, Math.min(1, share)) * 10
  const source = `const pause = new Int32Array(new SharedArrayBuffer(4));
for (;;) { const start = performance.now(); while (performance.now() - start < ${busyMs}); Atomics.wait(pause, 0, 0, ${10 - busyMs}) }`
  const child: ChildProcess = spawn(process.execPath, ['-e', source], { stdio: 'ignore' })
  return {
    pid: child.pid ?? 0,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      }),
  }
}
