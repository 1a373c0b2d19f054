import type { IncomingMessage } from 'node:http'
import type { ForwardResult, ProviderClient, ResponseSink } from '@gw/providers'
import { describe, expect, it } from 'vitest'
import { type DispatchInput, dispatch } from './dispatch.js'

/** A provider client that records the one forward request it gets. */
function recordingClient(): { client: ProviderClient; requests: Parameters<ProviderClient['forward']>[0][] } {
  const requests: Parameters<ProviderClient['forward']>[0][] = []
  const client = {
    forward(request) {
      requests.push(request)
      return Promise.resolve({ status: 200 } as ForwardResult)
    },
  } as Pick<ProviderClient, 'forward'> as ProviderClient
  return { client, requests }
}

function inputFor(url: string, maxAttempts: number | undefined): DispatchInput {
  const raw = Buffer.from('{"model":"gpt-4o-mini","messages":[]}')
  const body = { raw, scanned: { valid: true, model: 'gpt-4o-mini' } }
  return {
    state: {
      api: 'openai-chat',
      incoming: { url, headers: { 'content-type': 'application/json' } } as IncomingMessage,
      context: { requestId: 'req_1' },
    },
    body,
    plan: { candidates: [], maxAttempts },
    sink: {} as ResponseSink,
  } as unknown as DispatchInput
}

describe('dispatch', () => {
  it('forwards the raw body with its scan, the query string, the request id and the attempt cap', async () => {
    const { client, requests } = recordingClient()
    const input = inputFor('/v1/chat/completions?beta=true', 2)
    await dispatch(client, input)
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({
      api: 'openai-chat',
      body: input.body.raw,
      scanned: input.body.scanned,
      query: '?beta=true',
      requestId: 'req_1',
      maxAttempts: 2,
      headers: { 'content-type': 'application/json' },
    })
    // The body is handed over lazily: parsed only if an attempt needs it.
    expect(requests[0]!.lazyBody).toBe(input.body)
  })

  it('leaves the query and the attempt cap undefined when the request and plan have none', async () => {
    const { client, requests } = recordingClient()
    await dispatch(client, inputFor('/v1/chat/completions', undefined))
    expect(requests[0]!.query).toBeUndefined()
    expect(requests[0]!.maxAttempts).toBeUndefined()
  })
})
