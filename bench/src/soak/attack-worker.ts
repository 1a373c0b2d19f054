// The soak's attack traffic (unknown keys, compressed junk) on a thread of its own: the main
// thread then only sends and times the valid requests, so a flood that keeps this thread busy
// cannot delay the valid responses' timestamps (each thread waits for the CPU on its own).
import { fileURLToPath } from 'node:url'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { type PhaseTally, runOpenLoop } from './soak-load.js'
import { createSoakTraffic, type SoakTrafficOptions } from './soak-traffic.js'

type ToWorker = { go: number }
type FromWorker = { ready: true } | { tally: PhaseTally } | { error: string }

/** The attack streams, started in a worker thread; `run` sends them for `durationMs`. */
export interface AttackThread {
  run(durationMs: number): Promise<PhaseTally>
  close(): Promise<void>
}

/**
 * Starts the worker and waits until its connection pools and streams exist.
 *
 * @example
 * const attack = await startAttackThread({ origin, key, rates, attackerAddresses: 16 })
 * const [valid, flood] = await Promise.all([runOpenLoop(traffic.quiet, 95_000), attack.run(95_000)])
 */
export async function startAttackThread(options: SoakTrafficOptions): Promise<AttackThread> {
  // The bench runs from TypeScript through tsx: the worker starts from a JS entry that loads this file.
  const worker = new Worker(fileURLToPath(new URL('./attack-worker-entry.mjs', import.meta.url)), {
    workerData: options,
    execArgv: ['--conditions=gw-source'],
  })
  let waiting: ((message: FromWorker) => void) | undefined
  let failed: Error | undefined
  worker.on('message', (message: FromWorker) => waiting?.(message))
  worker.on('error', (error) => {
    failed = error
    waiting?.({ error: error.message })
  })
  const next = () =>
    new Promise<FromWorker>((resolve) => {
      if (failed !== undefined) resolve({ error: failed.message })
      waiting = resolve
    })
  const first = await next()
  if ('error' in first) throw new Error(`soak attack thread failed: ${first.error}`)
  return {
    async run(durationMs) {
      const answer = next()
      worker.postMessage({ go: durationMs } satisfies ToWorker)
      const message = await answer
      if ('error' in message) throw new Error(`soak attack thread failed: ${message.error}`)
      if (!('tally' in message)) throw new Error('soak attack thread answered out of turn')
      return message.tally
    },
    async close() {
      await worker.terminate()
    },
  }
}

if (!isMainThread && parentPort !== null) {
  const port = parentPort
  const traffic = createSoakTraffic(workerData as SoakTrafficOptions)
  port.on('message', (message: ToWorker) => {
    runOpenLoop(traffic.attack, message.go)
      .then((tally) => port.postMessage({ tally } satisfies FromWorker))
      .catch((error: unknown) => port.postMessage({ error: String(error) } satisfies FromWorker))
  })
  port.postMessage({ ready: true } satisfies FromWorker)
}
