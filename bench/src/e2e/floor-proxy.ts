// The honest floor: node:http + undici Pool.stream() straight into the response, nothing else.
// Run as a child process (bench:e2e erases the types first): BENCH_UPSTREAM_URL=http://127.0.0.1:port node floor-proxy.mjs
import { createServer } from 'node:http'
import type { Socket } from 'node:net'
import { Pool } from 'undici'

const upstreamUrl = process.env.BENCH_UPSTREAM_URL
if (upstreamUrl === undefined) throw new Error('BENCH_UPSTREAM_URL is required')
const upstream = new Pool(new URL(upstreamUrl).origin, { connections: 128, pipelining: 1 })

const upstreamFailed = '{"error":{"type":"server_error","code":"provider_error","message":"upstream failed"}}'

const server = createServer((request, response) => {
  // The body is read whole (one chunk at 190 B) and sent as one buffer with the only header the
  // upstream needs to read it; no parsing. The upstream's response headers go to writeHead as
  // undici hands them over.
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    upstream.stream(
      {
        path: request.url ?? '/',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
        // undici accepts any EventEmitter as a signal: the socket, which emits 'abort' on close (below).
        signal: request.socket,
      },
      ({ statusCode, headers }) => {
        response.writeHead(statusCode, headers)
        return response
      },
      (error) => {
        if (error === null || response.destroyed) return
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' })
        response.end(upstreamFailed)
      },
    )
  })
})

// Client abort: a socket that closes cancels whatever upstream call it is waiting on. One
// listener per connection, not per request.
server.on('connection', (socket: Socket) => {
  socket.on('close', () => socket.emit('abort'))
})

server.keepAliveTimeout = 65_000
server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  console.log(`BENCH_READY url=http://127.0.0.1:${port}`)
})

function shutdown(): void {
  server.close()
  server.closeAllConnections()
  void upstream.close().finally(() => process.exit(0))
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
