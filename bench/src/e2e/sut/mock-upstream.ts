// Child entry: the built-in mock provider in fast mode (no delays, short reply, no recording).
// Prints `BENCH_READY url=…`, or `BENCH_UNAVAILABLE <reason>` when @gw/mock-provider is not there yet.
import { importExports } from '../../shared/optional-module.js'

type StartMockProvider = (options: {
  port: number
  recordRequests: boolean
  latencyMs: number
  chunkDelayMs: number
  replyText: string
  streamChunks: number
}) => Promise<{ url: string; close(): Promise<void> }>

const loaded = await importExports('@gw/mock-provider', ['startMockProvider'])
if (!loaded.ok) {
  console.log(`BENCH_UNAVAILABLE ${loaded.reason}`)
  process.exit(0)
}
const startMockProvider = loaded.exports.startMockProvider as StartMockProvider
const mock = await startMockProvider({
  port: 0,
  recordRequests: false,
  latencyMs: 0,
  chunkDelayMs: 0,
  replyText: 'Hello!',
  streamChunks: 3,
})
console.log(`BENCH_READY url=${mock.url.replace(/\/$/, '')}`)

process.on('SIGTERM', () => {
  void mock.close().finally(() => process.exit(0))
})
