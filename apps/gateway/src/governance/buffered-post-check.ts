// Checks a complete (non-streaming) response with the post guardrails, then writes it, rewritten or refused.

import { GatewayError } from '@gw/contract'
import {
  type CompiledGuardrail,
  findTextSlots,
  type GuardrailOutcome,
  outcomeError,
  type RemoteGuardrailCheck,
  responseTextFields,
  runGuardrails,
  writeTextSlots,
} from '@gw/guardrails'
import type { ResponseSink } from '@gw/providers'
import { type ErrorShape, gatewayErrorHeaders, serializeGatewayError } from '../http/error-response.js'

type FlatHeaders = Parameters<ResponseSink['writeHead']>[1]

/** A held response: status, headers and body bytes as the provider client produced them. */
export interface HeldResponse {
  status: number
  headers: FlatHeaders
  body: Buffer
}

function headerValue(headers: FlatHeaders, name: string): string | undefined {
  for (let i = 0; i < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() === name) return String(headers[i + 1])
  }
  return undefined
}

function withHeader(headers: FlatHeaders, name: string, value: string): FlatHeaders {
  const out: Array<string | string[] | number> = []
  for (let i = 0; i < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() !== name) out.push(headers[i]!, headers[i + 1]!)
  }
  out.push(name, value)
  return out as FlatHeaders
}

function writeError(sink: ResponseSink, error: GatewayError, shape: ErrorShape, extra: FlatHeaders): void {
  const headers: Array<string | number | string[]> = [...extra]
  for (const [name, value] of Object.entries(gatewayErrorHeaders(error))) headers.push(name, value)
  sink.writeHead(error.status, headers as FlatHeaders)
  sink.end(serializeGatewayError(error, shape))
}

/** Options of {@link writeCheckedResponse}. */
export interface PostCheckOptions {
  list: readonly CompiledGuardrail[]
  timeoutMs: number
  remote: RemoteGuardrailCheck
  shape: ErrorShape
  /** Headers to add whatever the outcome (cache mode, pre modifications). */
  extraHeaders: FlatHeaders
  /** Guardrails that modified the request, first in `X-LangWatch-Guardrails-Modified`. */
  modifiedBefore: readonly string[]
  /** Counts and logs the outcome. */
  record: (outcome: GuardrailOutcome) => void
}

/**
 * Runs the post guardrails on the response's answer text and writes the outcome to `sink`: the
 * response unchanged, its text rewritten (with a fresh `content-length` and
 * `X-LangWatch-Guardrails-Modified`), or the 403 / 503 error in the client's envelope. A body
 * that is compressed or not JSON cannot be read: its guardrails count as failed (failure modes).
 *
 * @example
 * await writeCheckedResponse(sink, held, { list, timeoutMs: 2000, remote, shape: 'openai', extraHeaders: [], modifiedBefore: [], record })
 */
export async function writeCheckedResponse(
  sink: ResponseSink,
  held: HeldResponse,
  options: PostCheckOptions,
): Promise<void> {
  const { list, shape, extraHeaders } = options
  let parsed: Record<string, unknown> | undefined
  const encoding = headerValue(held.headers, 'content-encoding')
  if (encoding === undefined || encoding === 'identity') {
    try {
      const value: unknown = JSON.parse(held.body.toString('utf8'))
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        parsed = value as Record<string, unknown>
    } catch {
      parsed = undefined
    }
  }
  const headers = [...held.headers, ...extraHeaders] as FlatHeaders
  if (parsed === undefined) {
    const closed = list.find((guardrail) => guardrail.failureMode === 'fail_closed')
    if (closed === undefined) {
      sink.writeHead(held.status, headers)
      sink.end(held.body)
      return
    }
    const error = new GatewayError(
      'guardrail_upstream_unavailable',
      `Guardrail ${closed.id} cannot read this response (not plain JSON) and fails closed`,
      {
        meta: { guardrail_id: closed.id, direction: 'response', reason: 'unreadable response' },
      },
    )
    return writeError(sink, error, shape, extraHeaders)
  }
  const slots = findTextSlots(parsed, responseTextFields)
  let totalChars = 0
  for (const text of slots.texts) totalChars += text.length
  const outcome = await runGuardrails(
    list,
    { stage: 'post', texts: slots.texts, totalChars, final: true },
    { timeoutMs: options.timeoutMs, remote: options.remote },
  )
  options.record(outcome)
  const error = outcomeError('post', outcome)
  if (error !== undefined) return writeError(sink, error, shape, extraHeaders)
  if (outcome.decision !== 'modify') {
    sink.writeHead(held.status, headers)
    sink.end(held.body)
    return
  }
  writeTextSlots(slots, outcome.texts)
  const body = Buffer.from(JSON.stringify(parsed))
  let rewritten = withHeader(headers, 'content-length', String(body.length))
  rewritten = withHeader(
    rewritten,
    'x-langwatch-guardrails-modified',
    [...options.modifiedBefore, ...outcome.modifiedBy].join(','),
  )
  sink.writeHead(held.status, rewritten)
  sink.end(body)
}
