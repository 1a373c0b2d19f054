import { describe, expect, it } from 'vitest'
import { createOpenAIAdapter } from '../openai/openai-adapter.js'
import { type ScannedRequest, scannedFromParsed, scanRequest } from '../validate/scan-request.js'
import { prepareBody, SPLIT_BODY_MIN_BYTES } from './prepare-body.js'

const adapter = createOpenAIAdapter({ id: 'openai', type: 'openai', credentials: { api_key: 'k' } })

// `scan` reads the very buffer prepareBody gets, as the gateway's request scan does.
function prepare(
  text: string,
  model: string,
  scan: (raw: Buffer) => ScannedRequest | undefined = (raw) => scanRequest('openai-chat', raw),
) {
  const raw = Buffer.from(text)
  const scanned = scan(raw)
  let parses = 0
  const parse = () => {
    parses += 1
    return JSON.parse(text) as Record<string, unknown>
  }
  const prepared = prepareBody('openai-chat', raw, scanned!, adapter, model, parse)
  return { raw, prepared, body: prepared.body?.toString(), parses }
}

describe('prepareBody', () => {
  it('sends the client bytes themselves when nothing changes', () => {
    const text = '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}'
    const { raw, prepared } = prepare(text, 'gpt-4o')
    expect(prepared.body).toBe(raw)
    expect(prepared.stripUsageChunk).toBe(false)
  })

  it('sets the model and asks a stream for usage in the raw bytes, every other byte untouched', () => {
    const text =
      '{ "model" : "fast", "messages":[{"role":"user","content":"say \\"model\\": \\"x\\" }"}], "stream":true, "n":1.0e0 }'
    const { body, prepared, parses } = prepare(text, 'gpt-4o')
    expect(body).toBe(
      '{ "model" : "gpt-4o", "messages":[{"role":"user","content":"say \\"model\\": \\"x\\" }"}], "stream":true, "n":1.0e0 ,"stream_options":{"include_usage":true}}',
    )
    expect(prepared.stripUsageChunk).toBe(true)
    expect(parses).toBe(0)
  })

  it('keeps the client stream options beside include_usage, replacing the old value in place', () => {
    const text =
      '{"stream_options":{"include_usage":false,"x":1},"model":"gpt-4o","messages":[],"stream":true}'
    const { body } = prepare(text, 'gpt-4o')
    expect(JSON.parse(body!)).toEqual({
      stream_options: { include_usage: true, x: 1 },
      model: 'gpt-4o',
      messages: [],
      stream: true,
    })
    expect(body!.startsWith('{"stream_options":{"include_usage":true,"x":1},"model"')).toBe(true)
  })

  it('edits the last of duplicate keys, the one JSON.parse keeps', () => {
    const text = '{"model":"a","messages":[],"model":"b"}'
    expect(prepare(text, 'gpt-4o').body).toBe('{"model":"a","messages":[],"model":"gpt-4o"}')
  })

  it('splices where the scan saw the fields instead of walking the body again', () => {
    // A layout that disagrees with the bytes (it points `model` at the value of "x") shows which
    // one the splice followed: the layout, so a 200 KB body is walked once, by the scan.
    const text = '{"model":"a","x":"b"}'
    const moved = (raw: Buffer) => {
      const scanned = scanRequest('openai-chat', raw)!
      return { ...scanned, layout: { ...scanned.layout!, modelStart: 17, modelEnd: 20 } }
    }
    expect(prepare(text, 'gpt-4o', moved).body).toBe('{"model":"a","x":"gpt-4o"}')
  })

  it('scans the bytes itself when the layout is not theirs or is missing', () => {
    const text = '{"model":"a","messages":[]}'
    const other = scanRequest('openai-chat', Buffer.from('{"model":"a","messages":[],"n":1}'))!
    expect(prepare(text, 'gpt-4o', () => other).body).toBe('{"model":"gpt-4o","messages":[]}')
    // A body re-serialised after the scan (a guardrail's redaction) may keep its length: the
    // layout of the bytes scanned is still not used for the new ones.
    const scannedText = '{"model":"a","messages":[],"x":"abc"}'
    const rewritten = '{"messages":[],"model":"a","x":"abc"}'
    const stale = scanRequest('openai-chat', Buffer.from(scannedText))!
    expect(prepare(rewritten, 'gpt-4o', () => stale).body).toBe('{"messages":[],"model":"gpt-4o","x":"abc"}')
    const parsed = scannedFromParsed(JSON.parse(text))
    expect(parsed.layout).toBeUndefined()
    expect(prepare(text, 'gpt-4o', () => parsed).body).toBe('{"model":"gpt-4o","messages":[]}')
  })

  it('sets fields in an empty object without a leading comma', () => {
    const { body } = prepare('{}', 'gpt-4o', (raw) => ({
      ...scannedFromParsed({ stream: true }),
      layout: scanRequest('openai-embeddings', raw)!.layout,
    }))
    expect(body).toBe('{"model":"gpt-4o","stream_options":{"include_usage":true}}')
  })

  it('from SPLIT_BODY_MIN_BYTES on, returns the edited body in pieces over the client bytes', () => {
    const content = 'a "b" é\n'.repeat(SPLIT_BODY_MIN_BYTES / 8)
    const text = `{"model":"fast","stream":true,"messages":[{"role":"user","content":${JSON.stringify(content)}}]}`
    const { raw, prepared, parses } = prepare(text, 'gpt-4o')
    expect(Array.isArray(prepared.body)).toBe(true)
    const parts = prepared.body as Buffer[]
    expect(Buffer.concat(parts).toString()).toBe(
      `${text.slice(0, -1).replace('"fast"', '"gpt-4o"')},"stream_options":{"include_usage":true}}`,
    )
    expect(parts.some((part) => part.buffer === raw.buffer && part.length > SPLIT_BODY_MIN_BYTES / 2)).toBe(
      true,
    )
    expect(parses).toBe(0)
    // A body one byte short of the threshold (ASCII, so characters are bytes) goes as one buffer.
    const bare = '{"model":"fast","stream":true,"messages":[{"role":"user","content":""}]}'
    const padded = bare.replace('""', `"${'z'.repeat(SPLIT_BODY_MIN_BYTES - 1 - bare.length)}"`)
    expect(Buffer.byteLength(padded)).toBe(SPLIT_BODY_MIN_BYTES - 1)
    expect(Buffer.isBuffer(prepare(padded, 'gpt-4o').prepared.body)).toBe(true)
    expect(Array.isArray(prepare(`${padded} `, 'gpt-4o').prepared.body)).toBe(true)
  })
})
