// The floor a Node proxy can reach: node:http + undici Pool.stream(), no framework, no parsing.
// Run as a child process (bench:e2e erases the types first): BENCH_UPSTREAM_URL=http://127.0.0.1:port node baseline-proxy.mjs
import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http'
import { Pool } from 'undici'

const upstreamUrl = process.env.BENCH_UPSTREAM_URL
if (upstreamUrl === undefined) throw new Error('BENCH_UPSTREAM_URL is required')
const upstream = new Pool(new URL(upstreamUrl).origin, { connections: 128, pipelining: 1 })

// Hop-by-hop headers (RFC 9110 §7.6.1) are the connection's, never forwarded.
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
])

function forwardRequestHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const forwarded: Record<string, string> = {}
  for (const name of ['content-type', 'authorization', 'accept']) {
    const value = headers[name]
    if (typeof value === 'string') forwarded[name] = value
  }
  return forwarded
}

function forwardResponseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const forwarded: OutgoingHttpHeaders = {}
  for (const name in headers) if (!hopByHop.has(name)) forwarded[name] = headers[name]
  return forwarded
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    const abort = new AbortController()
    // A client that leaves must cancel the upstream call; `close` also fires after a normal finish.
    response.on('close', () => {
      if (!response.writableFinished) abort.abort()
    })
    upstream.stream(
      {
        path: request.url ?? '/',
        method: request.method === 'GET' ? 'GET' : 'POST',
        headers: forwardRequestHeaders(request.headers),
        body: request.method === 'GET' ? null : Buffer.concat(chunks),
        signal: abort.signal,
      },
      ({ statusCode, headers }) => {
        response.writeHead(statusCode, forwardResponseHeaders(headers as IncomingHttpHeaders))
        return response
      },
      (error) => {
        if (error === null || abort.signal.aborted) return
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' })
        response.end('{"error":{"type":"server_error","code":"provider_error","message":"upstream failed"}}')
      },
    )
  })
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
