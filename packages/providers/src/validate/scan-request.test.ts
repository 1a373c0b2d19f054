import { isGatewayError } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import type { ClientApi } from '../spec/client-api.js'
import { MAX_SCAN_DEPTH } from './scan-bytes.js'
import { scannedFromParsed, scanRequest, toolPolicyFields } from './scan-request.js'
import { validateClientRequest } from './validate-request.js'

const scan = (text: string, api: ClientApi = 'openai-chat') => scanRequest(api, Buffer.from(text))
const chat = (extra = '') => `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]${extra}}`

// What JSON.parse + validateClientRequest say about a body: ok, a validation error code, or invalid JSON.
function parseVerdict(api: ClientApi, text: string): string {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return 'invalid_json'
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'not_object'
  try {
    validateClientRequest(api, parsed as Record<string, unknown>)
    return 'ok'
  } catch (error) {
    if (isGatewayError(error)) return error.code
    throw error
  }
}

describe('scanRequest', () => {
  it('reads the top-level model, stream and stream_options', () => {
    expect(scan(chat(',"stream":true,"stream_options":{"include_usage":true}'))).toEqual({
      model: 'gpt-4o',
      stream: true,
      streamOptions: { include_usage: true },
      maxTokens: undefined,
      temperature: undefined,
      user: undefined,
      valid: true,
      layout: expect.any(Object),
    })
    expect(scan(chat(',"stream":false'))).toMatchObject({ stream: false, streamOptions: undefined })
  })

  it('records where model and stream_options sit and where the object closes', () => {
    const text =
      ' { "stream_options" : {"include_usage":false} ,"model":"a","messages":[],"model" : "gpt-4o" }\n'
    const layout = scan(text)?.layout
    expect(layout).toBeDefined()
    const slice = (start: number, end: number) => text.slice(start, end)
    // The last `model` wins, as with JSON.parse.
    expect(slice(layout!.modelStart, layout!.modelEnd)).toBe('"gpt-4o"')
    expect(slice(layout!.streamOptionsStart, layout!.streamOptionsEnd)).toBe('{"include_usage":false}')
    expect(text[layout!.closeBrace]).toBe('}')
    expect(layout).toMatchObject({ empty: false })
    expect(layout?.source.toString()).toBe(text)
    expect(scan('{"messages":[]}')?.layout).toMatchObject({ modelStart: -1, streamOptionsStart: -1 })
    expect(scan('{ }', 'openai-embeddings')?.layout).toMatchObject({ closeBrace: 2, empty: true })
    // Offsets are bytes, not characters.
    const utf8 = '{"messages":[{"role":"user","content":"é€𝄞"}],"model":"m"}'
    const bytes = Buffer.from(utf8)
    const model = scanRequest('openai-chat', bytes)!.layout!
    expect(bytes.toString('utf8', model.modelStart, model.modelEnd)).toBe('"m"')
  })

  it('reads max tokens, temperature and user as JSON.parse would', () => {
    const text = chat(',"max_tokens":null,"max_completion_tokens":1e3,"temperature":0.25,"user":"u\\u00e9"')
    expect(scan(text)).toMatchObject({ maxTokens: 1000, temperature: 0.25, user: 'u\u00e9' })
    expect(scan(chat(',"max_output_tokens":7,"temperature":"hot"'))).toMatchObject({
      maxTokens: 7,
      temperature: undefined,
    })
  })

  it('decodes escapes in the model and keeps UTF-8', () => {
    expect(scan('{"model":"gpt\\u002d4o\\"x","messages":[]}')?.model).toBe('gpt-4o"x')
    expect(scan('{"model":"modèle-é","messages":[]}')?.model).toBe('modèle-é')
  })

  it('ignores "model" inside strings and nested objects', () => {
    const text =
      '{"messages":[{"role":"user","content":"say \\"model\\":\\"evil\\""}],"metadata":{"model":"nested"},"model":"real"}'
    expect(scan(text)).toMatchObject({ model: 'real', valid: true })
    expect(scan('{"x":"\\"model\\":\\"a\\"","messages":[]}')).toMatchObject({
      model: undefined,
      valid: false,
    })
  })

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    const text = '{"model":"first","stream":true,"messages":[],"model":"second","stream":false}'
    expect(scan(text)).toMatchObject({ model: 'second', stream: false })
    expect(JSON.parse(text)).toMatchObject({ model: 'second', stream: false })
  })

  it('skips nested arrays and objects with strings holding brackets and escaped quotes', () => {
    const text = chat(',"tools":[{"a":["]","}","\\\\"],"b":{"c":[[],{}]}}],"n":2')
    expect(scan(text)).toMatchObject({ model: 'gpt-4o', valid: true })
  })

  it('returns undefined for bytes it cannot read, so the caller parses', () => {
    for (const garbage of [
      '',
      '   ',
      'not json',
      '[1,2]',
      '"model"',
      '{"model":"gpt-4o"',
      '{"model":"gpt-4o",}',
      '{"model" "gpt-4o"}',
      '{"model":"gpt-4o"} trailing',
      '{"model":"gpt-4o","messages":[}',
      '{"model":"gpt-4o","messages":[{"role":"user"]}',
      '{"model":"gpt-4o","n":tru}',
      '{"model":"gpt-4o","n":01}',
      '{"model":"gpt-4o","n":1.}',
      '{"model":"gpt-4o","n":-}',
      '{"model":"unterminated}',
      '{"mo\\u0064el":"escaped-key"}',
      '\uFEFF{"model":"bom"}',
    ]) {
      expect(scan(garbage), garbage).toBeUndefined()
    }
  })

  it('bounds nesting depth and leaves deeper bodies to the parse', () => {
    const deep = (levels: number) =>
      `{"model":"m","messages":[],"x":${'['.repeat(levels)}${']'.repeat(levels)}}`
    expect(scan(deep(MAX_SCAN_DEPTH))).toMatchObject({ valid: true })
    expect(scan(deep(MAX_SCAN_DEPTH + 1))).toBeUndefined()
  })

  it('scans a large body in time proportional to its structure', () => {
    const content = 'x'.repeat(200_000)
    const text = `{"model":"claude","max_tokens":1024,"messages":[{"role":"user","content":"${content}"}]}`
    expect(scan(text, 'anthropic-messages')).toMatchObject({ model: 'claude', valid: true })
  })

  it('agrees with JSON.parse + validateClientRequest whenever it says valid', () => {
    const samples: Array<[ClientApi, string]> = [
      ['openai-chat', chat()],
      ['openai-chat', '{"model":"m"}'],
      ['openai-chat', '{"model":1,"messages":[]}'],
      ['openai-chat', '{"model":"m","messages":{}}'],
      ['openai-chat', chat(',"n":1.5')],
      ['openai-chat', chat(',"n":2,"temperature":0.5,"top_p":1e-2')],
      ['openai-chat', chat(',"max_tokens":null,"stream":null')],
      ['openai-chat', chat(',"stream":"yes"')],
      ['openai-chat', chat(',"stream_options":[]')],
      ['openai-chat', '{"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":[]}]}'],
      ['openai-chat', '{"model":"m","messages":[{"role":"assistant"}]}'],
      ['openai-chat', '{"model":"m","messages":[{"role":1,"content":"x"}]}'],
      ['openai-chat', '{"model":"m","messages":[{"content":"x"}]}'],
      ['openai-chat', '{"model":"m","messages":["x"]}'],
      ['openai-chat', '{"model":"m","messages":[{"role":"user","content":{}}]}'],
      ['openai-chat', '{"model":"m","messages":[{"role":"user","content":"a","role":2}]}'],
      ['anthropic-messages', '{"model":"c","max_tokens":10,"messages":[{"role":"user","content":[]}]}'],
      ['anthropic-messages', '{"model":"c","messages":[]}'],
      ['anthropic-messages', '{"model":"c","max_tokens":1.0,"messages":[]}'],
      ['anthropic-messages', '{"model":"c","max_tokens":10,"messages":[{"role":"user"}]}'],
      ['anthropic-messages', '{"model":"c","max_tokens":10,"messages":[],"system":{}}'],
      ['anthropic-count-tokens', '{"model":"c","messages":[]}'],
      ['openai-responses', '{"model":"m","input":"hi"}'],
      ['openai-responses', '{"model":"m","input":{}}'],
      ['openai-embeddings', '{"model":"m","input":["a"]}'],
      ['openai-embeddings', '{"model":"m"}'],
      ['openai-models', '{}'],
    ]
    for (const [api, text] of samples) {
      const scanned = scanRequest(api, Buffer.from(text))
      const verdict = parseVerdict(api, text)
      if (scanned?.valid === true) expect(verdict, `${api} ${text}`).toBe('ok')
      // Plain well-formed samples that pass are recognised as such (the fast path is taken).
      if (verdict !== 'ok') expect(scanned?.valid, `${api} ${text}`).not.toBe(true)
    }
    expect(scanRequest('openai-chat', Buffer.from(chat()))?.valid).toBe(true)
    expect(scanRequest('anthropic-messages', Buffer.from(samples[16]![1]))?.valid).toBe(true)
  })
})

describe('toolPolicyFields', () => {
  const pick = (parsed: Record<string, unknown>) => {
    const fields: Record<string, unknown> = {}
    for (const name of ['tools', 'toolConfig', 'mcp_servers', 'mcp', 'mcps'])
      if (name in parsed) fields[name] = parsed[name]
    return fields
  }

  it('gives the tool and MCP fields exactly as JSON.parse of the whole body does, and nothing else', () => {
    const bodies = [
      chat(),
      chat(',"tools":[{"type":"function","function":{"name":"read_file","parameters":{"s":"]}\\"["}}}]'),
      chat(',"tools":[],"mcp_servers":[{"name":"docs","url":"https://x"}],"mcp":"one","mcps":null'),
      chat(',"tools":[{"name":"a"}],"tools":[{"name":"b"}]'),
      '{"model":"m","messages":[],"toolConfig":{"tools":[{"toolSpec":{"name":"t\\u00e9"}}]}}',
      chat(',"metadata":{"tools":[{"name":"nested"}]}'),
    ]
    for (const text of bodies) {
      const layout = scan(text)?.layout
      expect(layout, text).toBeDefined()
      expect(toolPolicyFields(layout!), text).toEqual(pick(JSON.parse(text)))
    }
  })

  it('records no span and allocates no list for a body without those fields', () => {
    expect(scan(chat())?.layout?.toolPolicySpans).toEqual([])
    expect(scan(chat())?.layout?.toolPolicySpans).toBe(scan('{"model":"m"}')?.layout?.toolPolicySpans)
  })

  it('returns undefined when a field is not valid JSON inside balanced brackets', () => {
    const layout = scan(chat(',"tools":[{"name" "x"}]'))?.layout
    expect(layout).toBeDefined()
    expect(toolPolicyFields(layout!)).toBeUndefined()
  })
})

describe('scannedFromParsed', () => {
  it('takes the same facts from a parsed body and leaves validation to the caller', () => {
    const parsed = {
      model: 'm',
      stream: true,
      stream_options: { include_usage: false },
      max_tokens: 5,
      user: 'u',
    }
    expect(scannedFromParsed(parsed)).toEqual({
      model: 'm',
      stream: true,
      streamOptions: { include_usage: false },
      maxTokens: 5,
      temperature: undefined,
      user: 'u',
      valid: false,
    })
  })
})
