// A constant-cost OpenAI-compatible upstream: a fixed chat completion, or a short SSE stream with
// `stream:true`. Used when @gw/mock-provider is not available or `--upstream fixed` is asked for.
import { createServer } from 'node:http'

const completion = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1_734_567_890,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 20, completion_tokens: 2, total_tokens: 22 },
  }),
)

const chunk = (delta: object, finish: string | null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_734_567_890, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`
const streamEvents = [
  chunk({ role: 'assistant', content: '' }, null),
  chunk({ content: 'Hello' }, null),
  chunk({ content: '!' }, null),
  chunk({}, 'stop'),
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_734_567_890, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 20, completion_tokens: 2, total_tokens: 22 } })}\n\n`,
  'data: [DONE]\n\n',
]
const completionHeaders = { 'content-type': 'application/json', 'content-length': completion.length }
const streamHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }

const server = createServer((request, response) => {
  const chunks: Buffer[] = []
  request.on('data', (part: Buffer) => chunks.push(part))
  request.on('end', () => {
    // A substring test, not JSON.parse: the upstream's own cost should stay small and constant.
    const streaming = /"stream"\s*:\s*true/.test(Buffer.concat(chunks).toString('latin1'))
    if (!streaming) {
      response.writeHead(200, completionHeaders)
      response.end(completion)
      return
    }
    response.writeHead(200, streamHeaders)
    for (const event of streamEvents) response.write(event)
    response.end()
  })
})

server.keepAliveTimeout = 65_000
server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  console.log(`BENCH_READY url=http://127.0.0.1:${port}`)
})

process.on('SIGTERM', () => {
  server.close()
  server.closeAllConnections()
  process.exit(0)
})
