// SSE usage observation per upstream chunk: the incremental scanner plus the OpenAI usage observer.
import { createOpenAIAdapter } from '@gw/providers'
import { SseScanner } from '@gw/providers/internal'
import { type PreparedBenchmark, registerMicro, type SkippedBenchmark, skip } from '../registry.js'

const chunkOf = (body: object) => Buffer.from(`data: ${JSON.stringify(body)}\n\n`)
const contentChunk = chunkOf({
  id: 'chatcmpl-bench',
  object: 'chat.completion.chunk',
  created: 1_734_567_890,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, delta: { content: 'Hello, how can I help' }, finish_reason: null }],
})
const usageChunk = chunkOf({
  id: 'chatcmpl-bench',
  object: 'chat.completion.chunk',
  created: 1_734_567_890,
  model: 'gpt-4o-mini',
  choices: [],
  usage: { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 },
})

async function prepare(chunk: Buffer): Promise<PreparedBenchmark | SkippedBenchmark> {
  const adapter = createOpenAIAdapter({
    id: 'openai',
    type: 'openai',
    credentials: { api_key: 'sk-bench' },
  })
  const observer = adapter.createStreamObserver('openai-chat')
  const scanner = new SseScanner((event, data) => observer.observe(event, data))
  scanner.push(usageChunk)
  if (observer.usage === undefined) return skip('the observer saw no usage in a usage chunk')
  return { operation: () => scanner.push(chunk) }
}

registerMicro({
  name: 'SSE observe: content chunk',
  description: 'Scan one ~200 B content event; the usage observer rejects it cheaply',
  setup: () => prepare(contentChunk),
})

registerMicro({
  name: 'SSE observe: usage chunk',
  description: 'Scan the final usage event and map its usage (JSON parse)',
  setup: () => prepare(usageChunk),
})
