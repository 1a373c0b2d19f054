// Starts the mock provider: a plain node:http server that records requests and dispatches them to the wires.
import { createServer } from 'node:http'
import type { Socket } from 'node:net'
import { type DispatchContext, dispatchRequest } from './dispatch.js'
import type { MockState } from './exchange.js'
import { createPromptCache } from './prompt-cache.js'
import type { Schedule } from './send-reply.js'
import { resolveSettings } from './settings.js'
import type { MockBehaviour, MockProvider, MockProviderOptions, RecordedRequest } from './types.js'

/**
 * Starts the mock provider on `host:port` and resolves once it listens.
 *
 * @example
 * const mock = await startMockProvider({ replyText: 'pong' })
 * const openai = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'test' })
 * await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'ping' }] })
 * await mock.close()
 */
export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProvider> {
  const settings = resolveSettings(options)
  const state: MockState = { sequence: 0, promptCache: createPromptCache(), issuedTokens: new Map() }
  const queue: MockBehaviour[] = []
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const schedule: Schedule = (delayMs, run) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      run()
    }, delayMs)
    timers.add(timer)
  }

  const context: DispatchContext = {
    settings,
    state,
    queue,
    requests: options.recordRequests === false ? undefined : requests,
    onRequest: options.onRequest,
    schedule,
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    // A client that leaves mid-upload resets the request; there is nobody left to answer.
    request.on('error', () => request.socket.destroy())
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)
      try {
        dispatchRequest(context, request, response, body)
      } catch {
        // A bug in the mock must fail this request, not the process running the tests.
        if (!response.headersSent) response.writeHead(500).end()
        else response.destroy()
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })

  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const urlHost = host.includes(':') ? `[${host}]` : host

  return {
    url: `http://${urlHost}:${port}`,
    port,
    requests,
    enqueue(...behaviours) {
      for (const behaviour of behaviours) queue.push(behaviour)
    },
    reset() {
      requests.length = 0
      queue.length = 0
      state.promptCache.clear()
    },
    openConnections: () => sockets.size,
    close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
    },
  }
}
