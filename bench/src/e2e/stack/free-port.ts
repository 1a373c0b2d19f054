// Picks a free loopback port for a child whose entry needs one up front (its own config reads it).
import { createServer } from 'node:net'

/**
 * Binds port 0 on 127.0.0.1, reads the port, and releases it. Another process could take it in
 * between; on loopback in a benchmark that race is acceptable.
 *
 * @example
 * const port = await findFreePort()
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
