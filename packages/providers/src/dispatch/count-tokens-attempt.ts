// Anthropic count_tokens on providers without it: a cloud's token-count endpoint, or a local tokenizer.
import { countPromptTokens } from '../count-tokens/count-prompt-tokens.js'
import type { CountTokensWire } from '../spec/upstream-wire.js'
import { wireCodecs } from '../translate/codecs.js'
import { toClientHeaders } from '../utils/http-headers.js'
import { parseJsonSafely } from '../utils/json-fields.js'
import type { AttemptInput, AttemptOutcome } from './attempt-types.js'
import { authorizeRequest } from './authorized-attempt.js'
import { callBuffered } from './buffered-call.js'
import { decodeCountTokensError, readCountTokensAnswer } from './count-tokens-wires.js'

/** How a count is made: locally with the model's encoding, or by the cloud's endpoint. */
export type CountTokensJob = { via: 'local'; model: string } | { via: 'upstream'; wire: CountTokensWire }

/** What an upstream count attempt adds to {@link AttemptInput}. */
export interface CountTokensAttemptInput extends AttemptInput {
  job: CountTokensJob & { via: 'upstream' }
  /** The client's count_tokens body. */
  parsed: Record<string, unknown>
}

/** What a local count needs: no upstream, no dispatcher. */
export interface LocalCountInput extends Pick<AttemptInput, 'sink' | 'extraHeaders' | 'connection'> {
  parsed: Record<string, unknown>
  /** The resolved model, which picks the encoding. */
  model: string
}

const maxAnswerBytes = 1024 * 1024

function writeCount(
  input: Pick<AttemptInput, 'sink' | 'extraHeaders'>,
  inputTokens: number,
  ttfbMs: number,
): AttemptOutcome {
  const json = JSON.stringify({ input_tokens: inputTokens })
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) }
  input.sink.writeHead(200, toClientHeaders(headers, input.extraHeaders, false))
  input.sink.end(json)
  return { kind: 'sent', status: 200, ttfbMs, usage: undefined, streamed: false, streamError: undefined }
}

/**
 * Counts locally and writes `{input_tokens}`, with the model's BPE encoding (gpt-tokenizer,
 * loaded on first use). Counts carry no usage: nothing is generated, nothing billed.
 */
export async function runLocalCountTokens(input: LocalCountInput): Promise<AttemptOutcome> {
  const tokens = await countPromptTokens(input.parsed, input.model)
  if (input.connection.gone) return { kind: 'aborted', status: 0, usage: undefined, streamed: false }
  return writeCount(input, tokens, 0)
}

/**
 * Runs an upstream count: authorized, sent, and its answer rewritten to `{input_tokens}`; errors
 * go to Anthropic's envelope with the provider's status (so 429 and 5xx fall back).
 */
export async function runCountTokensAttempt(input: CountTokensAttemptInput): Promise<AttemptOutcome> {
  const { job, connection } = input
  const body = input.body as Buffer
  const request = await authorizeRequest(input.adapter, input.request, body)
  if (request instanceof Error) return { kind: 'network-error', error: request, timeout: false }
  if (connection.gone) return { kind: 'aborted', status: 0, usage: undefined, streamed: false }
  const outcome = await callBuffered({
    dispatcher: input.dispatcher,
    request,
    body,
    headersTimeoutMs: input.headersTimeoutMs,
    bodyTimeoutMs: input.bodyTimeoutMs,
    maxBytes: maxAnswerBytes,
    now: input.now,
    onStart(controller) {
      connection.controller = controller
    },
  })
  connection.controller = undefined
  if (connection.gone) return { kind: 'aborted', status: 0, usage: undefined, streamed: false }
  if (outcome.kind === 'network-error') return outcome
  const text = outcome.body.toString('utf8')
  const parsed = parseJsonSafely(text)
  if (outcome.status < 200 || outcome.status >= 300) {
    const error = decodeCountTokensError(job.wire, parsed ?? text, outcome.status, outcome.headers)
    const { 'content-length': _length, ...headers } = outcome.headers
    return {
      kind: 'http-error',
      status: error.status ?? outcome.status,
      ttfbMs: outcome.ttfbMs,
      headers: { ...headers, 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(wireCodecs['anthropic-messages'].encodeError(error))),
    }
  }
  const tokens = readCountTokensAnswer(job.wire, parsed)
  if (tokens === undefined) {
    return {
      kind: 'network-error',
      error: new Error('the provider answered a token count without one'),
      timeout: false,
    }
  }
  return writeCount(input, tokens, outcome.ttfbMs)
}
