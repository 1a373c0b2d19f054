// Before `pnpm start` spawns anything: every port it needs must be free, else say which
// variable moves it (a taken port used to surface only in a child's log file).
import { createServer } from 'node:net'

/**
 * Resolves to the entries whose port is taken on 127.0.0.1, as console-ready messages.
 *
 * @example
 * const taken = await findTakenPorts([{ port: 5563, variable: 'GATEWAY_PORT' }])
 * // ['port 5563 is in use: set GATEWAY_PORT to a free port']
 */
export async function findTakenPorts(entries) {
  const messages = []
  for (const { port, variable } of entries) {
    if (!(await isFree(port))) messages.push(`port ${port} is in use: set ${variable} to a free port`)
  }
  return messages
}

function isFree(port) {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)))
  })
}
