// Child entry: the built-in mock provider in fast mode (no delays, short reply, no recording).
// Prints `BENCH_READY url=…`.
import { startMockProvider } from '@gw/mock-provider'

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
