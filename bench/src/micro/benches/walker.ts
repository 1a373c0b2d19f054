// Same-shape forwarding with an in-memory upstream (no network): the fallback walker, the OpenAI
// adapter's request preparation, the passthrough handler and the response sink, per request.

import {
  type Candidate,
  createAdapterCache,
  createCircuitBreakers,
  createRouter,
  MemorySink,
  type ProviderConfig,
} from '@gw/providers'
import {
  type AttemptOutcome,
  createForwarder,
  createOutboundPools,
  resolveRetry,
  type WalkContext,
  walkCandidates,
} from '@gw/providers/internal'
import type { Dispatcher } from 'undici'
import { sampleChatBody } from '../fixtures.js'
import { type PreparedBenchmark, registerMicro, type SkippedBenchmark, skip } from '../registry.js'

interface Controller {
  abort(reason?: Error): void
  pause(): void
  resume(): void
  readonly aborted: boolean
  readonly paused: boolean
  readonly reason: Error | null
}
interface Handler {
  onRequestStart?(controller: Controller, context: object): void
  onResponseStart?(
    controller: Controller,
    status: number,
    headers: Record<string, string>,
    message: string,
  ): void
  onResponseData?(controller: Controller, chunk: Buffer): void
  onResponseEnd?(controller: Controller, trailers: Record<string, string>): void
}

const completion = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 20, completion_tokens: 2, total_tokens: 22 },
  }),
)
const okHeaders = { 'content-type': 'application/json', 'content-length': String(completion.length) }
const overloaded = Buffer.from('{"error":{"message":"overloaded","type":"server_error"}}')
const overloadedHeaders = { 'content-type': 'application/json', 'content-length': String(overloaded.length) }
const controller: Controller = {
  abort() {},
  pause() {},
  resume() {},
  aborted: false,
  paused: false,
  reason: null,
}

// An undici-shaped dispatcher that answers at once: 503 from the "primary" origin when asked to.
function createInMemoryDispatcher(primaryFails: boolean) {
  return {
    dispatch(options: { origin: string }, handler: Handler): boolean {
      const fail = primaryFails && options.origin.includes('primary')
      handler.onRequestStart?.(controller, {})
      handler.onResponseStart?.(controller, fail ? 503 : 200, fail ? overloadedHeaders : okHeaders, '')
      handler.onResponseData?.(controller, fail ? overloaded : completion)
      handler.onResponseEnd?.(controller, {})
      return true
    },
  }
}

const providers: ProviderConfig[] = [
  { id: 'primary', type: 'openai', credentials: { api_key: 'sk-a' }, baseUrl: 'http://primary.invalid/v1' },
  {
    id: 'secondary',
    type: 'openai',
    credentials: { api_key: 'sk-b' },
    baseUrl: 'http://secondary.invalid/v1',
  },
]
async function prepare(primaryFails: boolean): Promise<PreparedBenchmark | SkippedBenchmark> {
  let clock = 0
  const forward = createForwarder({
    // Only `dispatch` is called on the pool's dispatcher.
    pools: createOutboundPools({
      dispatcher: createInMemoryDispatcher(primaryFails) as unknown as Dispatcher,
    }),
    // The clock jumps past the window on every call so the primary's circuit never opens and
    // every operation really falls over.
    breakers: createCircuitBreakers({ windowMs: 5, failureThreshold: 1_000, now: () => (clock += 10) }),
    retry: resolveRetry(),
    maxAttempts: 3,
    adapterFor: createAdapterCache(),
    price: () => undefined,
    now: () => performance.now(),
    sleep: async () => undefined,
    random: () => 0.5,
  })
  const { candidates } = createRouter({ providers, fallback: { chain: ['secondary'] } }).resolve(
    'gpt-4o-mini',
  )
  const body = Buffer.from(sampleChatBody)
  const extraHeaders = { 'x-request-id': 'req_01J9ZK3V7Q8R2W5X6Y7Z8A9B0C' }
  const operation = async () => {
    const sink = new MemorySink()
    const result = await forward({ api: 'openai-chat', body, sink, candidates, extraHeaders })
    await sink.done
    return result
  }
  const first = await operation()
  if (first.status !== 200 || first.fallbackCount !== (primaryFails ? 1 : 0)) {
    return skip(`unexpected forward result (status ${first.status}, fallback count ${first.fallbackCount})`)
  }
  return { operation }
}

registerMicro({
  name: 'forward: primary succeeds',
  description: 'Walker + OpenAI adapter + passthrough into a memory sink, in-memory upstream 200',
  setup: () => prepare(false),
})

registerMicro({
  name: 'forward: fall over once',
  description: 'Same, primary answers 503 and the second candidate 200',
  setup: () => prepare(true),
})

// The walker on its own: breaker bookkeeping, outcome classification and attempt records around
// a fake attempt that answers at once (no adapter, no body, no sink).
const sent: AttemptOutcome = {
  kind: 'sent',
  status: 200,
  ttfbMs: 1,
  usage: undefined,
  streamed: false,
  streamError: undefined,
}
const failed: AttemptOutcome = { kind: 'http-error', status: 503, ttfbMs: 1, headers: {}, body: overloaded }

async function prepareWalk(primaryFails: boolean): Promise<PreparedBenchmark | SkippedBenchmark> {
  let clock = 0
  const context: WalkContext<Candidate> = {
    // As above: the window always expires, so the primary's circuit stays closed.
    breakers: createCircuitBreakers({ windowMs: 5, failureThreshold: 1_000, now: () => (clock += 10) }),
    retry: resolveRetry(),
    maxAttempts: 3,
    connection: { gone: false, controller: undefined },
    sleep: async () => undefined,
    random: () => 0.5,
    prepare: (candidate) => ({ ready: candidate }),
    run: async (candidate) => (primaryFails && candidate.provider.id === 'primary' ? failed : sent),
  }
  const { candidates } = createRouter({ providers, fallback: { chain: ['secondary'] } }).resolve(
    'gpt-4o-mini',
  )
  const operation = () => walkCandidates(candidates, context)
  const first = await operation()
  const status = first.outcome !== undefined && 'status' in first.outcome ? first.outcome.status : undefined
  if (status !== 200 || first.index !== (primaryFails ? 1 : 0)) {
    return skip(`unexpected walk result (status ${status}, index ${first.index})`)
  }
  return { operation }
}

registerMicro({
  name: 'walker: primary succeeds',
  description: 'walkCandidates over a 2-candidate chain, fake attempt answering 200 at once',
  preDispatch: true,
  reference: { name: 'Walk_PrimarySuccess', nsPerOp: 71.7, allocsPerOp: 0 },
  setup: () => prepareWalk(false),
})

registerMicro({
  name: 'walker: fall over once',
  description: 'Same, the primary answers 503 and the second candidate 200',
  setup: () => prepareWalk(true),
})
