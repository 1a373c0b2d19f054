import { describe, expect, it } from 'vitest'
import { encodeEmbeddingVector } from '../embeddings/openai-embeddings.js'
import { decodeGeminiEmbeddingResponses, encodeGeminiEmbeddingRequests } from './embeddings.js'

describe('Gemini embeddings', () => {
  it('writes one batchEmbedContents body per 100 inputs with the output dimensionality', () => {
    const input = Array.from({ length: 150 }, (_, index) => `text ${index}`)
    const batches = encodeGeminiEmbeddingRequests(
      { model: 'e', input, dimensions: 8 },
      'gemini-embedding-001',
    ) as Array<{
      requests: unknown[]
    }>
    expect(batches.map((batch) => batch.requests.length)).toEqual([100, 50])
    expect(batches[0]?.requests[0]).toEqual({
      model: 'models/gemini-embedding-001',
      content: { parts: [{ text: 'text 0' }] },
      outputDimensionality: 8,
    })
  })

  it('refuses token inputs and unknown encodings', () => {
    expect(() => encodeGeminiEmbeddingRequests({ input: [[1, 2]] }, 'm')).toThrow(
      'Unsupported parameter "input"',
    )
    expect(() => encodeGeminiEmbeddingRequests({ input: 'a', encoding_format: 'int8' }, 'm')).toThrow(
      'encoding_format',
    )
  })

  it('answers in OpenAI shape with an estimated usage, as floats or base64 float32', () => {
    const upstream = [{ embeddings: [{ values: [0.6, 0.8] }, { values: [1, 0] }] }]
    const request = { model: 'e', input: ['hello world', 'hi'] }
    expect(decodeGeminiEmbeddingResponses(upstream, { request, model: 'gemini-embedding-001' })).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.6, 0.8] },
        { object: 'embedding', index: 1, embedding: [1, 0] },
      ],
      model: 'gemini-embedding-001',
      usage: { prompt_tokens: 4, total_tokens: 4 },
    })
    const base64 = decodeGeminiEmbeddingResponses(upstream, {
      request: { ...request, encoding_format: 'base64' },
      model: 'm',
    }).data[0]?.embedding as string
    const floats = new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer)
    expect([...floats]).toEqual([Math.fround(0.6), Math.fround(0.8)])
    expect(encodeEmbeddingVector([0.5], 'base64')).toBe(Buffer.from([0, 0, 0, 0x3f]).toString('base64'))
  })

  it('refuses an answer whose vectors do not match the inputs', () => {
    expect(() =>
      decodeGeminiEmbeddingResponses([{ embeddings: [{ values: [1] }] }], {
        request: { input: ['a', 'b'] },
        model: 'm',
      }),
    ).toThrow('malformed')
  })
})
