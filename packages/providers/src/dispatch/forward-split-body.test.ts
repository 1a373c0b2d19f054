import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ForwardRig, sendRaw, startForwardRig, waitFor } from '../../test-utils/proxy-harness.js'
import { json, sse } from '../../test-utils/scripted-upstream.js'
import { SPLIT_BODY_MIN_BYTES } from './prepare-body.js'

// Bodies at and above SPLIT_BODY_MIN_BYTES go upstream in pieces (the client's bytes by reference):
// what the upstream receives must be the very bytes a single spliced buffer would have held.

/** A chat body of at least `bytes` bytes, with multi-byte text and escapes in its messages. */
function largeBody(bytes: number, model: string): string {
  const content = 'é "quoted" \\ line\n€ '.repeat(Math.ceil(bytes / 20))
  return `{"model":"${model}","stream":true,"messages":[{"role":"user","content":${JSON.stringify(content)}}],"n":1}`
}

const expected = (body: string, model: string) =>
  body
    .replace(/^\{"model":"[^"]*"/, `{"model":"${model}"`)
    .replace(/\}$/, ',"stream_options":{"include_usage":true}}')

const chunk = 'data: {"id":"c","choices":[{"index":0,"delta":{"content":"hi"}}],"usage":null}\n\n'
const usageChunk = 'data: {"id":"c","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2}}\n\n'

let rig: ForwardRig
beforeAll(async () => {
  // Scanned like the gateway's requests: the splice then knows where the fields sit.
  rig = await startForwardRig(
    (urls) => ({
      providers: [
        { id: 'openai-a', type: 'openai', baseUrl: `${urls.primary}/v1`, credentials: { api_key: 'a' } },
        { id: 'openai-b', type: 'openai', baseUrl: `${urls.secondary}/v1`, credentials: { api_key: 'b' } },
      ],
      modelAliases: { fast: 'openai-a/gpt-4o-mini' },
      fallback: { chain: ['openai-b'] },
    }),
    { scan: true },
  )
})
afterEach(() => rig.reset())
afterAll(() => rig.close())

describe('a large edited body', () => {
  it('reaches the upstream byte for byte, with its content-length and not chunked', async () => {
    const body = largeBody(SPLIT_BODY_MIN_BYTES + 50_000, 'fast')
    rig.primary.enqueue(sse([chunk, usageChunk, 'data: [DONE]\n\n']))
    const response = await sendRaw(rig.harness.url, { path: '/v1/chat/completions', body })
    expect(response.status).toBe(200)
    const received = rig.primary.requests[0]
    expect(received?.body.equals(Buffer.from(expected(body, 'gpt-4o-mini')))).toBe(true)
    expect(received?.headers['content-length']).toBe(String(received?.body.length))
    expect(received?.headers['transfer-encoding']).toBeUndefined()
    // The usage chunk the gateway asked for is still hidden and counted.
    expect(response.body.toString()).toBe(`${chunk}data: [DONE]\n\n`)
    await waitFor(() => rig.harness.results.length === 1)
    expect(rig.harness.results[0]?.usage).toMatchObject({ inputTokens: 5, outputTokens: 2 })
  })

  it('is sent whole again to the next provider after a failure', async () => {
    const body = largeBody(SPLIT_BODY_MIN_BYTES * 2, 'gpt-4o')
    rig.primary.enqueue(json(503, { error: { message: 'down' } }))
    rig.secondary.enqueue(sse([chunk, usageChunk, 'data: [DONE]\n\n']))
    const response = await sendRaw(rig.harness.url, { path: '/v1/chat/completions', body })
    expect(response.status).toBe(200)
    const want = Buffer.from(expected(body, 'gpt-4o'))
    expect(rig.primary.requests[0]?.body.equals(want)).toBe(true)
    expect(rig.secondary.requests[0]?.body.equals(want)).toBe(true)
    expect(rig.secondary.requests[0]?.headers['content-length']).toBe(String(want.length))
  })

  it('below the threshold goes as one buffer, edited the same way', async () => {
    const body = largeBody(1_000, 'fast')
    rig.primary.enqueue(sse([chunk, usageChunk, 'data: [DONE]\n\n']))
    await sendRaw(rig.harness.url, { path: '/v1/chat/completions', body })
    const received = rig.primary.requests[0]
    expect(received?.body.toString()).toBe(expected(body, 'gpt-4o-mini'))
    expect(received?.headers['content-length']).toBe(String(received?.body.length))
  })
})
