import { describe, expect, it } from 'vitest'
import { applyTopLevelEdits, scanTopLevel, spliceTopLevel, spliceTopLevelParts } from './json-splice.js'

const splice = (raw: string, edits: { key: string; json: string }[]) =>
  spliceTopLevel(Buffer.from(raw), edits)?.toString()

describe('spliceTopLevel', () => {
  it('replaces only the top-level value, leaving nested keys and every other byte alone', () => {
    const raw =
      '{ "messages": [{"role":"user","content":"say \\"}\\" \\\\","model":"inner"}],\n  "model" : "fast", "x":1.0e3 }'
    expect(splice(raw, [{ key: 'model', json: '"gpt-4o"' }])).toBe(raw.replace('"fast"', '"gpt-4o"'))
  })

  it('appends an absent field before the closing brace', () => {
    expect(splice('{"model":"m","stream":true}', [{ key: 'stream_options', json: '{"a":1}' }])).toBe(
      '{"model":"m","stream":true,"stream_options":{"a":1}}',
    )
    expect(
      splice('{ }', [
        { key: 'a', json: '1' },
        { key: 'b', json: '2' },
      ]),
    ).toBe('{ "a":1,"b":2}')
  })

  it('applies several edits in one pass, whatever their order in the object', () => {
    const raw = '{"stream_options":{"include_usage":false},"model":"a","n":[1,{"b":"}"}]}'
    expect(
      splice(raw, [
        { key: 'model', json: '"b"' },
        { key: 'stream_options', json: '{"include_usage":true}' },
      ]),
    ).toBe('{"stream_options":{"include_usage":true},"model":"b","n":[1,{"b":"}"}]}')
  })

  it('keeps cache_control blocks and unknown fields byte for byte', () => {
    const raw =
      '{"model":"claude","system":[{"type":"text","text":"é","cache_control":{"type":"ephemeral","ttl":"1h"}}],"future_field":{"z":[null,false]}}'
    const out = splice(raw, [{ key: 'model', json: '"claude-sonnet-4-5"' }]) as string
    expect(out.slice(out.indexOf(',"system"'))).toBe(raw.slice(raw.indexOf(',"system"')))
  })

  it('gives up on bytes that are not an object, so the caller can re-serialise', () => {
    expect(splice('[1,2]', [{ key: 'model', json: '"x"' }])).toBeUndefined()
    expect(splice('{"model":"x"', [{ key: 'model', json: '"y"' }])).toBeUndefined()
    expect(splice('{"a":"unterminated}', [{ key: 'model', json: '"y"' }])).toBeUndefined()
  })

  it('takes the last occurrence of a duplicated key, as JSON.parse does', () => {
    const scan = scanTopLevel(Buffer.from('{"model":"a","model":"b"}'), ['model'])
    expect(scan?.values.get('model')).toEqual({ start: 21, end: 24 })
  })
})

describe('spliceTopLevelParts', () => {
  const text = `{"model":"fast","messages":${JSON.stringify('x'.repeat(100))},"tail":${JSON.stringify('y'.repeat(50))}}`
  const raw = Buffer.from(text)
  const edits = [
    { key: 'model', json: '"gpt-4o"' },
    { key: 'stream_options', json: '{"include_usage":true}' },
  ]
  const scan = scanTopLevel(raw, ['model', 'stream_options'])!

  it('joins to exactly what applyTopLevelEdits writes', () => {
    for (const minViewBytes of [1, 16, 60, 1_000]) {
      const parts = spliceTopLevelParts(raw, scan, edits, minViewBytes)
      expect(Buffer.concat(parts).equals(applyTopLevelEdits(raw, scan, edits))).toBe(true)
    }
  })

  it('sends the long runs of the client bytes as views and copies the short pieces together', () => {
    const parts = spliceTopLevelParts(raw, scan, edits, 60)
    expect(parts.map((part) => part.toString())).toEqual([
      '{"model":"gpt-4o"',
      text.slice(text.indexOf(',"messages"'), -1),
      ',"stream_options":{"include_usage":true}}',
    ])
    // The middle piece shares raw's memory: nothing was copied.
    expect(parts[1]?.buffer).toBe(raw.buffer)
    expect(parts[1]?.byteOffset).toBe(raw.byteOffset + text.indexOf(',"messages"'))
    expect(spliceTopLevelParts(raw, scan, edits, 1_000)).toHaveLength(1)
  })
})
