// A local OTLP/HTTP sink for the governed gateway's spans: accepts every POST, answers 200 with an
// empty JSON export response, counts what it received. Runs inside the harness, on loopback.
import { createServer } from 'node:http'

/** A running sink. */
export interface OtlpSink {
  url: string
  /** Export requests and body bytes received so far. */
  received(): { requests: number; bytes: number }
  close(): Promise<void>
}

/**
 * Starts the sink on an ephemeral loopback port.
 *
 * @example
 * const sink = await startOtlpSink()
 * env.OTEL_OTLP_ENDPOINT = sink.url
 */
export async function startOtlpSink(): Promise<OtlpSink> {
  let requests = 0
  let bytes = 0
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length
    })
    request.on('end', () => {
      requests += 1
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => ({ requests, bytes }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
