// Response cache (issue 21): a hit (key, lookup, replay) against the upstream leg a pass-through pays for the same answer.
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ForwardResult, ResponseSink } from '@gw/providers'
import {
  type CachedResponse,
  computeCacheKey,
  createMemoryResponseStore,
  ResponseCapture,
  replayResponse,
} from '@gw/response-cache'
import { Pool } from 'undici'
import { type PreparedBenchmark, registerMicro, type SkippedBenchmark, skip } from '../registry.js'

const request = {
  model: 'gpt-4o-mini',
  max_tokens: 256,
  messages: [
    { role: 'system', content: 'You are a concise assistant for the support team. Answer in English.' },
    { role: 'user', content: 'What does the pro plan allow per minute, and what happens when we go over?' },
  ],
}
const answerText =
  'The pro plan allows 600 requests per minute; past that, requests get 429 with Retry-After. '
const completion = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_734_567_890,
    model: 'gpt-4o-mini',
    choices: [
      { index: 0, message: { role: 'assistant', content: answerText.repeat(4) }, finish_reason: 'stop' },
    ],
    usage: { prompt_tokens: 40, completion_tokens: 90, total_tokens: 130 },
  }),
)
const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_734_567_890, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`
const streamBody = Buffer.from(
  [
    chunk({ role: 'assistant', content: '' }),
    ...answerText
      .repeat(4)
      .match(/.{1,16}/g)!
      .map((piece) => chunk({ content: piece })),
    chunk({}, 'stop'),
    'data: [DONE]\n\n',
  ].join(''),
)

/** A sink that discards what it is given (the socket write is common to hit and pass-through). */
const nullSink: ResponseSink = {
  writeHead: () => undefined,
  write: () => true,
  end: () => undefined,
  on: () => undefined,
  once: () => undefined,
  removeListener: () => undefined,
  destroy: () => undefined,
  destroyed: false,
}

const result: ForwardResult = {
  status: 200,
  providerId: 'openai',
  model: 'gpt-4o-mini',
  attempts: 1,
  fallbackCount: 0,
  records: [],
  usage: undefined,
  costMicroUsd: undefined,
  streamed: false,
  clientAborted: false,
  streamError: undefined,
}

/**
 * CPU (user + system) per operation over `count` runs, after a warm-up: on a shared machine the
 * wall time of a loopback exchange is mostly waiting, so the comparison is made on CPU.
 */
async function cpuMicrosPerOp(operation: () => unknown, count: number): Promise<number> {
  for (let index = 0; index < count / 10; index++) await operation()
  const start = process.cpuUsage()
  for (let index = 0; index < count; index++) await operation()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / count
}

function entryOf(body: Buffer, contentType: string): CachedResponse | undefined {
  const capture = new ResponseCapture(nullSink, {
    wire: 'openai-chat',
    label: 'miss',
    maxEntryBytes: 1 << 20,
  })
  capture.writeHead(200, ['content-type', contentType])
  capture.end(body)
  return capture.toEntry({ ...result, streamed: contentType === 'text/event-stream' })
}

async function prepareHit(body: Buffer, contentType: string): Promise<PreparedBenchmark | SkippedBenchmark> {
  const store = createMemoryResponseStore({ maxBytes: 64 << 20 })
  const key = () =>
    computeCacheKey({ wire: 'openai-chat', body: request, scope: 'prj_bench', model: 'gpt-4o-mini' })
  const entry = entryOf(body, contentType)
  if (entry === undefined) return skip('the capture kept no entry for the bench answer')
  store.set(key(), entry, 3_600_000)
  const options = {
    wire: 'openai-chat' as const,
    sink: nullSink,
    headers: [],
    includeUsage: false,
    requestModel: 'gpt-4o-mini',
  }
  const operation = () => {
    const found = store.get(key()) as CachedResponse
    return replayResponse(found, options)
  }
  const cpu = await cpuMicrosPerOp(operation, 5_000)
  return { operation, note: `${body.length} B answer; CPU ${cpu.toFixed(1)} µs/op` }
}

async function preparePassThrough(body: Buffer, contentType: string): Promise<PreparedBenchmark> {
  const server = createServer((incoming, outgoing) => {
    incoming.resume()
    incoming.on('end', () => {
      outgoing.writeHead(200, { 'content-type': contentType, 'content-length': body.length })
      outgoing.end(body)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 1, pipelining: 1 })
  const payload = JSON.stringify(request)
  const operation = async () => {
    const answer = await pool.request({
      path: '/v1/chat/completions',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: payload,
    })
    await answer.body.arrayBuffer()
  }
  const cpu = await cpuMicrosPerOp(operation, 2_000)
  return {
    operation,
    teardown: async () => {
      await pool.close()
      server.close()
    },
    note: `${body.length} B answer; CPU ${cpu.toFixed(1)} µs/op, both ends of the loopback exchange in this process`,
  }
}

registerMicro({
  name: 'Response cache hit: JSON answer',
  description: 'Cache key (canonical decode + SHA-256) + in-process lookup + same-wire replay',
  setup: () => prepareHit(completion, 'application/json'),
})

registerMicro({
  name: 'Response cache hit: stream',
  description: 'Cache key + lookup + same-wire replay of a stored stream, one write per event',
  setup: () => prepareHit(streamBody, 'text/event-stream'),
})

registerMicro({
  name: 'Upstream leg of a pass-through: JSON answer',
  // Undici and the kernel's loopback, none of the gateway's code: a comparison point, not gated.
  gated: false,
  description:
    'What a miss (and the floor proxy) pays instead: undici request to a loopback upstream, body read',
  setup: () => preparePassThrough(completion, 'application/json'),
})

registerMicro({
  name: 'Upstream leg of a pass-through: stream',
  gated: false,
  description: 'The same for the stream body (one write upstream)',
  setup: () => preparePassThrough(streamBody, 'text/event-stream'),
})
