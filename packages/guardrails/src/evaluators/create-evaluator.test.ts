import { describe, expect, it } from 'vitest'
import { createBuiltInEvaluator, describeEvaluatorProblem } from './create-evaluator.js'
import type { EvaluationInput, Verdict } from './evaluator-types.js'

const signal = new AbortController().signal
const pre = (...texts: string[]): EvaluationInput => ({
  stage: 'pre',
  texts,
  totalChars: texts.join('').length,
  final: true,
})
const post = (text: string): EvaluationInput => ({
  stage: 'post',
  texts: [text],
  totalChars: text.length,
  final: true,
})
const run = (name: Parameters<typeof createBuiltInEvaluator>[0], settings: unknown, input: EvaluationInput) =>
  createBuiltInEvaluator(name, settings).evaluate(input, signal) as Verdict

describe('regex evaluator', () => {
  it('blocks on a match and names the pattern', () => {
    expect(
      run('regex', { patterns: ['drop\\s+table'], case_insensitive: true }, pre('ok', 'DROP TABLE x')),
    ).toEqual({
      decision: 'block',
      reason: 'matched pattern drop\\s+table',
    })
  })

  it('replaces every match in every segment with action modify', () => {
    const verdict = run(
      'regex',
      { patterns: ['secret\\d'], action: 'modify', replacement: '***' },
      pre('a secret1 b secret2', 'secret3'),
    )
    expect(verdict).toMatchObject({ decision: 'modify', texts: ['a *** b ***', '***'] })
  })

  it('allows text without a match', () => {
    expect(run('regex', { patterns: ['x{3}'] }, pre('xx'))).toMatchObject({ decision: 'allow' })
  })
})

describe('pii evaluator', () => {
  it('redacts by default and lists the types found', () => {
    expect(run('pii', {}, pre('mail a@b.io', 'ssn 123-45-6789'))).toEqual({
      decision: 'modify',
      reason: 'found email, us_ssn',
      texts: ['mail [EMAIL]', 'ssn [US_SSN]'],
    })
  })

  it('blocks with action block', () => {
    expect(run('pii', { action: 'block', types: ['email'] }, pre('a@b.io'))).toMatchObject({
      decision: 'block',
    })
  })
})

describe('token-limit evaluators', () => {
  it('max_input_tokens blocks requests over the estimate and ignores responses', () => {
    expect(run('max_input_tokens', { max_tokens: 2 }, pre('123456789'))).toMatchObject({ decision: 'block' })
    expect(run('max_input_tokens', { max_tokens: 2 }, pre('12345678'))).toMatchObject({ decision: 'allow' })
    expect(run('max_input_tokens', { max_tokens: 2 }, post('123456789'))).toMatchObject({ decision: 'allow' })
  })

  it('max_output_tokens reads the stream total so far', () => {
    const input: EvaluationInput = { stage: 'stream_chunk', texts: ['abc'], totalChars: 100, final: false }
    expect(run('max_output_tokens', { max_tokens: 10 }, input)).toMatchObject({ decision: 'block' })
  })
})

describe('json_schema evaluator', () => {
  const settings = {
    schema: { type: 'object', required: ['answer'], properties: { answer: { type: 'string' } } },
  }

  it('blocks a response that is not JSON or breaks the schema, allows one that fits', () => {
    expect(run('json_schema', settings, post('not json'))).toMatchObject({ decision: 'block' })
    expect(run('json_schema', settings, post('{"answer":1}'))).toMatchObject({
      decision: 'block',
      reason: 'schema: $.answer: expected "string", got integer',
    })
    expect(run('json_schema', settings, post('{"answer":"yes"}'))).toMatchObject({ decision: 'allow' })
  })

  it('waits for complete text on streams', () => {
    const window: EvaluationInput = { stage: 'stream_chunk', texts: ['{"ans'], totalChars: 5, final: false }
    expect(run('json_schema', settings, window)).toMatchObject({ decision: 'allow' })
  })
})

describe('http evaluator', () => {
  it('posts the direction and content and returns the answer as the verdict', async () => {
    const seen: unknown[] = []
    const evaluator = createBuiltInEvaluator(
      'http',
      { url: 'http://127.0.0.1:1/check', headers: { authorization: 'Bearer t' } },
      {
        fetch: async (_url, init) => {
          seen.push(JSON.parse(String(init.body)))
          return Response.json({ decision: 'modify', reason: 'judge', modified_content: ['clean'] })
        },
      },
    )
    expect(await evaluator.evaluate(pre('dirty'), signal)).toEqual({
      decision: 'modify',
      reason: 'judge',
      texts: ['clean'],
    })
    expect(seen).toEqual([{ direction: 'pre', content: ['dirty'] }])
  })

  it('throws on a non-2xx answer so the failure mode decides', async () => {
    const evaluator = createBuiltInEvaluator(
      'http',
      { url: 'http://127.0.0.1:1/' },
      { fetch: async () => new Response('', { status: 500 }) },
    )
    await expect(evaluator.evaluate(pre('x'), signal)).rejects.toThrow('webhook answered 500')
  })
})

describe('describeEvaluatorProblem', () => {
  it('names the bad setting or the unknown evaluator', () => {
    expect(describeEvaluatorProblem('regex', { patterns: ['('] })).toMatch(
      /^pattern "\(" is not a valid regular expression/,
    )
    expect(describeEvaluatorProblem('pii', { types: ['dna'] })).toMatch(/^pii settings\.types\.0:/)
    expect(describeEvaluatorProblem('max_input_tokens', {})).toMatch(
      /^max_input_tokens settings\.max_tokens:/,
    )
    expect(describeEvaluatorProblem('lakera', {})).toMatch(/^unknown evaluator "lakera"/)
    expect(describeEvaluatorProblem('http', { url: 'http://127.0.0.1:9/x' })).toBeUndefined()
  })
})
