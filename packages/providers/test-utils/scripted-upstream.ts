// Test helper: an upstream whose every answer a test scripts, recording the exact request bytes.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { type LoopbackServer, readBody, startLoopbackServer } from './loopback-server.js'

/** One request as the upstream received it. */
export interface UpstreamRequestRecord {
  method: string
  /** Path and query as sent. */
  url: string
  headers: IncomingHttpHeaders
  body: Buffer
}

/** Answers one request; may write slowly, fail, or hang. */
export type UpstreamScript = (
  response: ServerResponse,
  request: IncomingMessage,
  record: UpstreamRequestRecord,
) => void | Promise<void>

/** A scripted upstream. */
export interface ScriptedUpstream extends LoopbackServer {
  requests: UpstreamRequestRecord[]
  /** Queue scripts, used in order; when empty, `fallback` answers. */
  enqueue(...scripts: UpstreamScript[]): void
  /** Resolves when the n-th response (0-based) closes, telling whether it had finished first. */
  responseClosed(index: number): Promise<{ finished: boolean }>
}

/** A script answering `status` with a JSON body and extra headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): UpstreamScript {
  return (response) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end(text)
  }
}

/** A script streaming `parts` as SSE bytes, one write each, `gapMs` apart. */
export function sse(
  parts: (string | Buffer)[],
  gapMs = 0,
  headers: Record<string, string> = {},
): UpstreamScript {
  return async (response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', ...headers })
    for (const part of parts) {
      response.write(part)
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs))
    }
    response.end()
  }
}

/** Starts a scripted upstream on 127.0.0.1:0. */
export async function startScriptedUpstream(
  fallback: UpstreamScript = json(200, {}),
): Promise<ScriptedUpstream> {
  const requests: UpstreamRequestRecord[] = []
  const scripts: UpstreamScript[] = []
  const closed: Promise<{ finished: boolean }>[] = []
  const server = await startLoopbackServer((request, response) => {
    closed.push(
      new Promise((resolve) =>
        response.once('close', () => resolve({ finished: response.writableFinished })),
      ),
    )
    void readBody(request).then((body) => {
      const record = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body }
      requests.push(record)
      const script = scripts.shift() ?? fallback
      return script(response, request, record)
    })
  })
  return {
    ...server,
    requests,
    enqueue: (...more) => scripts.push(...more),
    responseClosed: (index) => closed[index] ?? Promise.reject(new Error(`no request #${index}`)),
  }
}
