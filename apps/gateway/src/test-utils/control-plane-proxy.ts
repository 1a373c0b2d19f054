// Test helper: a loopback HTTP proxy in front of the control plane that counts the calls the
// gateway makes and can play "control plane down" (every connection cut) while the real one runs.
import { Agent, type ClientRequest, createServer, request as httpRequest } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** A running proxy; point `LW_GATEWAY_BASE_URL` at `url`. */
export interface ControlPlaneProxy {
  url: string
  /** Calls forwarded (or refused while down) whose `METHOD path` starts with `prefix`, e.g. `POST /api/internal/gateway/resolve-key`. */
  count(prefix: string): number
  /** Down: open connections are cut and new ones are closed at once, as if the host went away. */
  setDown(down: boolean): void
  close(): Promise<void>
}

/**
 * Starts the proxy on 127.0.0.1:0, forwarding byte for byte (signatures stay valid) to `target`.
 *
 * @example
 * const proxy = await startControlPlaneProxy(controlPlane.url)
 * proxy.count('POST /api/internal/gateway/resolve-key') // 0
 */
export async function startControlPlaneProxy(target: string): Promise<ControlPlaneProxy> {
  const upstream = new URL(target)
  const agent = new Agent({ keepAlive: true })
  const calls: string[] = []
  const sockets = new Set<Socket>()
  const open = new Set<ClientRequest>()
  let down = false
  const server = createServer((incoming, outgoing) => {
    calls.push(`${incoming.method} ${(incoming.url ?? '').split('?')[0]}`)
    const forwarded = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      },
    )
    open.add(forwarded)
    forwarded.on('close', () => open.delete(forwarded))
    forwarded.on('error', () => outgoing.destroy())
    // A long poll the gateway gives up on must not stay open upstream.
    outgoing.on('close', () => forwarded.destroy())
    incoming.pipe(forwarded)
  })
  server.on('connection', (socket) => {
    if (down) return socket.destroy()
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    count: (prefix) => calls.filter((call) => call.startsWith(prefix)).length,
    setDown(value) {
      down = value
      if (value) for (const socket of sockets) socket.destroy()
    },
    async close() {
      // Cut what is still open upstream (a long poll) and wait until the control plane saw it go.
      await Promise.all(
        [...open].map((forwarded) => new Promise((resolve) => forwarded.destroy().once('close', resolve))),
      )
      agent.destroy()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
