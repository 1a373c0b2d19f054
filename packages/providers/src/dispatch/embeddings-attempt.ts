// Embeddings on a provider without OpenAI's endpoint: batch calls (a few at a time), one OpenAI answer.
import type { Dispatcher } from 'undici'
import { toTokenCount } from '../spec/usage.js'
import { wireCodecs } from '../translate/codecs.js'
import { toClientHeaders } from '../utils/http-headers.js'
import type { AttemptInput, AttemptOutcome } from './attempt-types.js'
import { authorizeRequest } from './authorized-attempt.js'
import { callBuffered } from './buffered-call.js'
import { decodeEmbeddingsAnswers, decodeEmbeddingsError, type EmbeddingsAnswer } from './embeddings-wires.js'
import type { EmbeddingsJob } from './prepare-attempt.js'

/** What an embeddings attempt adds to {@link AttemptInput}. */
export interface EmbeddingsAttemptInput extends AttemptInput {
  job: EmbeddingsJob
  /** The client's OpenAI request (inputs, `encoding_format`). */
  parsed: Record<string, unknown>
}

/** Batches in flight at once: Titan takes one text per call, so a list of 100 is 100 calls. */
const concurrency = 4
const maxAnswerBytes = 32 * 1024 * 1024

type Controller = Pick<Dispatcher.DispatchController, 'abort'>

/**
 * Runs an embeddings job: every batch is sent (authorized per call, up to four at once); the
 * first failure stops the job and is the attempt's outcome (non-2xx answers in the OpenAI error
 * envelope with the provider's status mapped, so 429 and 5xx fall back); when all succeed the
 * OpenAI response is written whole. Usage is the provider's count, or an estimate.
 */
export async function runEmbeddingsAttempt(input: EmbeddingsAttemptInput): Promise<AttemptOutcome> {
  const { job, connection } = input
  const active = new Set<Controller>()
  const group: Controller = {
    abort(reason) {
      for (const controller of active) controller.abort(reason)
    },
  }
  connection.controller = group
  const answers: EmbeddingsAnswer[] = []
  let failure: AttemptOutcome | undefined
  let ttfbMs = 0
  let next = 0

  async function callBatch(index: number): Promise<AttemptOutcome | undefined> {
    const body = job.batches[index] as Buffer
    const request = await authorizeRequest(input.adapter, input.request, body)
    if (request instanceof Error) return { kind: 'network-error', error: request, timeout: false }
    if (connection.gone) return { kind: 'aborted', status: 0, usage: undefined, streamed: false }
    let controller: Controller | undefined
    const outcome = await callBuffered({
      dispatcher: input.dispatcher,
      request,
      body,
      headersTimeoutMs: input.headersTimeoutMs,
      bodyTimeoutMs: input.bodyTimeoutMs,
      maxBytes: maxAnswerBytes,
      now: input.now,
      onStart(started) {
        controller = started
        active.add(started)
      },
    })
    if (controller !== undefined) active.delete(controller)
    if (connection.gone) return { kind: 'aborted', status: 0, usage: undefined, streamed: false }
    if (outcome.kind === 'network-error') return outcome
    ttfbMs = Math.max(ttfbMs, outcome.ttfbMs)
    const text = outcome.body.toString('utf8')
    const parsed = parseJson(text)
    if (outcome.status < 200 || outcome.status >= 300) {
      const error = decodeEmbeddingsError(job.wire, parsed ?? text, outcome.status, outcome.headers)
      const { 'content-length': _length, ...headers } = outcome.headers
      return {
        kind: 'http-error',
        status: error.status ?? outcome.status,
        ttfbMs: outcome.ttfbMs,
        headers: { ...headers, 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify(wireCodecs['openai-chat'].encodeError(error))),
      }
    }
    if (parsed === undefined) return malformed('the provider answered embeddings with something not JSON')
    answers[index] = { headers: outcome.headers, body: parsed }
    return undefined
  }

  async function worker(): Promise<void> {
    while (failure === undefined && next < job.batches.length) {
      const outcome = await callBatch(next++)
      if (outcome === undefined || failure !== undefined) continue
      failure = outcome
      // The job has failed: the batches still in flight are not needed.
      if (outcome.kind !== 'aborted') group.abort(new Error('another embeddings batch failed'))
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, job.batches.length) }, worker))
    if (failure !== undefined) return failure
    let response: ReturnType<typeof decodeEmbeddingsAnswers>
    try {
      response = decodeEmbeddingsAnswers(job.wire, answers, input.parsed, job.model)
    } catch (error) {
      return malformed((error as Error).message)
    }
    const json = JSON.stringify(response)
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) }
    input.sink.writeHead(200, toClientHeaders(headers, input.extraHeaders, false))
    input.sink.end(json)
    const inputTokens = toTokenCount(response.usage.prompt_tokens)
    const usage = {
      inputTokens,
      outputTokens: 0,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      reasoningTokens: 0,
    }
    return { kind: 'sent', status: 200, ttfbMs, usage, streamed: false, streamError: undefined }
  } finally {
    if (connection.controller === group) connection.controller = undefined
  }
}

function parseJson(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null ? value : undefined
  } catch {
    return undefined
  }
}

// A 2xx answer that cannot be read: the provider misbehaved, so try the next candidate.
function malformed(message: string): AttemptOutcome {
  return { kind: 'network-error', error: new Error(message), timeout: false }
}
