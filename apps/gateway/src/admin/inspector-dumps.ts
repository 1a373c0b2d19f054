// Heap snapshots and CPU profiles through node:inspector, one at a time, streamed to the client.
import type { ServerResponse } from 'node:http'
import { Session } from 'node:inspector'

type Post = (method: string, params?: object) => Promise<unknown>

function connect(): { session: Session; post: Post } {
  const session = new Session()
  session.connect()
  const post: Post = (method, params) =>
    new Promise((resolve, reject) => {
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result)))
    })
  return { session, post }
}

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-')

/**
 * Writes a V8 heap snapshot to `outgoing` as `<time>.heapsnapshot` (open it in Chrome DevTools
 * → Memory). The snapshot pauses the process while V8 walks the heap.
 *
 * @example
 * await writeHeapSnapshot(c.env.outgoing)
 */
export async function writeHeapSnapshot(outgoing: ServerResponse): Promise<void> {
  const { session, post } = connect()
  outgoing.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename="gateway-${stamp()}.heapsnapshot"`,
  })
  session.on('HeapProfiler.addHeapSnapshotChunk', (message) => {
    // The client may leave mid-snapshot; V8 still delivers the remaining chunks.
    if (!outgoing.destroyed) outgoing.write(message.params.chunk)
  })
  try {
    await post('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    session.disconnect()
    outgoing.end()
  }
}

/**
 * Records a CPU profile for `seconds` (ended early if the client leaves) and writes it as
 * `<time>.cpuprofile` (Chrome DevTools → Performance, or speedscope).
 *
 * @example
 * await writeCpuProfile(c.env.outgoing, 10)
 */
export async function writeCpuProfile(outgoing: ServerResponse, seconds: number): Promise<void> {
  const { session, post } = connect()
  try {
    await post('Profiler.enable')
    await post('Profiler.start')
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, seconds * 1000)
      outgoing.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
    })
    const { profile } = (await post('Profiler.stop')) as { profile: unknown }
    if (outgoing.destroyed) return
    const body = JSON.stringify(profile)
    outgoing.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'content-disposition': `attachment; filename="gateway-${stamp()}.cpuprofile"`,
    })
    outgoing.end(body)
  } finally {
    session.disconnect()
  }
}
