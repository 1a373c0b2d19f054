import { spawn } from 'node:child_process'
import { createServer, type IncomingMessage, request, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { prepareBaselineEntry } from './baseline-entry.js'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
}

async function startFloor(upstreamUrl: string): Promise<string> {
  const entry = prepareBaselineEntry('floor-proxy')
  const child = spawn(process.execPath, [entry.file], {
    env: { ...process.env, BENCH_UPSTREAM_URL: upstreamUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  cleanups.push(() => {
    child.kill('SIGKILL')
    entry.dispose()
  })
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /BENCH_READY url=(\S+)/.exec(chunk.toString())
      if (match?.[1] !== undefined) resolve(match[1])
    })
    child.on('exit', (code) => reject(new Error(`floor proxy exited with ${code}`)))
  })
}

function post(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString()
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      },
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

describe('floor proxy', () => {
  it('forwards the body and the upstream answer unchanged', async () => {
    const upstream = createServer((incoming, outgoing) => {
      let body = ''
      incoming.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      incoming.on('end', () => {
        outgoing.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' })
        outgoing.end(JSON.stringify({ path: incoming.url, type: incoming.headers['content-type'], body }))
      })
    })
    cleanups.push(() => upstream.close())
    const floorUrl = await startFloor(await listen(upstream))
    const answer = await post(`${floorUrl}/v1/chat/completions`, '{"model":"m"}')
    expect(answer.status).toBe(201)
    expect(JSON.parse(answer.text)).toEqual({
      path: '/v1/chat/completions',
      type: 'application/json',
      body: '{"model":"m"}',
    })
  })

  it('cancels the upstream call when the client leaves before the answer', async () => {
    let upstreamRequest: IncomingMessage | undefined
    const upstreamClosed = new Promise<void>((resolve) => {
      const upstream = createServer((incoming) => {
        upstreamRequest = incoming
        incoming.resume()
        // Never answers: only the client's departure can end this call.
        incoming.socket.on('close', () => resolve())
      })
      cleanups.push(() => upstream.closeAllConnections())
      cleanups.push(() => upstream.close())
      void listen(upstream).then((url) =>
        startFloor(url).then((floorUrl) => {
          const outgoing = request(`${floorUrl}/v1/chat/completions`, { method: 'POST' })
          outgoing.on('error', () => {})
          outgoing.end('{"model":"m"}')
          const leave = setInterval(() => {
            if (upstreamRequest === undefined) return
            clearInterval(leave)
            outgoing.destroy()
          }, 10)
        }),
      )
    })
    await expect(upstreamClosed).resolves.toBeUndefined()
  })
})
