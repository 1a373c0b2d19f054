import { describe, expect, it } from 'vitest'
import {
  bedrockEmbeddingFamily,
  decodeBedrockEmbeddingResponses,
  encodeBedrockEmbeddingRequests,
} from './embeddings.js'

const titan = 'amazon.titan-embed-text-v2:0'
const cohere = 'cohere.embed-english-v3'

describe('Bedrock embeddings', () => {
  it('recognises Titan and Cohere models', () => {
    expect(
      [titan, 'amazon.titan-embed-text-v1', cohere, 'us.cohere.embed-v4:0', 'amazon.nova-pro-v1:0'].map(
        bedrockEmbeddingFamily,
      ),
    ).toEqual(['titan', 'titan', 'cohere', 'cohere', undefined])
  })

  it('writes one Titan body per input and Cohere bodies of up to 96 texts', () => {
    expect(encodeBedrockEmbeddingRequests({ input: ['a', 'b'], dimensions: 256 }, titan)).toEqual([
      { inputText: 'a', dimensions: 256, normalize: true },
      { inputText: 'b', dimensions: 256, normalize: true },
    ])
    expect(encodeBedrockEmbeddingRequests({ input: 'a' }, 'amazon.titan-embed-text-v1')).toEqual([
      { inputText: 'a' },
    ])
    const texts = Array.from({ length: 100 }, (_, index) => String(index))
    const batches = encodeBedrockEmbeddingRequests({ input: texts }, cohere) as Array<{
      texts: string[]
      input_type: string
    }>
    expect(batches.map((batch) => [batch.texts.length, batch.input_type])).toEqual([
      [96, 'search_document'],
      [4, 'search_document'],
    ])
    expect(encodeBedrockEmbeddingRequests({ input: 'a', dimensions: 512 }, 'cohere.embed-v4:0')).toEqual([
      { texts: ['a'], input_type: 'search_document', output_dimension: 512 },
    ])
  })

  it('refuses dimensions on fixed-size models and non-embedding models', () => {
    expect(() => encodeBedrockEmbeddingRequests({ input: 'a', dimensions: 8 }, cohere)).toThrow(
      'fixed dimension',
    )
    expect(() => encodeBedrockEmbeddingRequests({ input: 'a' }, 'amazon.nova-pro-v1:0')).toThrow(
      'not a Bedrock embedding model',
    )
  })

  it('answers Titan in OpenAI shape with its own token counts', () => {
    const bodies = [
      { embedding: [0.6, 0.8], inputTextTokenCount: 3 },
      { embedding: [1, 0], inputTextTokenCount: 2 },
    ]
    expect(
      decodeBedrockEmbeddingResponses(bodies, { request: { input: ['abc', 'de'] }, model: titan }),
    ).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.6, 0.8] },
        { object: 'embedding', index: 1, embedding: [1, 0] },
      ],
      model: titan,
      usage: { prompt_tokens: 5, total_tokens: 5 },
    })
  })

  it('answers Cohere v3 and v4 shapes with header counts or an estimate', () => {
    const request = { input: ['hello', 'world!'], encoding_format: 'base64' }
    const v3 = decodeBedrockEmbeddingResponses(
      [{ embeddings: [[1], [0.5]], id: 'x', response_type: 'embeddings_floats' }],
      {
        request,
        model: cohere,
        inputTokenCounts: [7],
      },
    )
    expect(v3.usage.prompt_tokens).toBe(7)
    expect(v3.data.map((item) => item.embedding)).toEqual(['AACAPw==', 'AAAAPw=='])
    const v4 = decodeBedrockEmbeddingResponses([{ embeddings: { float: [[1], [0]] } }], {
      request: { input: ['hello', 'world!'] },
      model: 'cohere.embed-v4:0',
    })
    expect(v4.usage.prompt_tokens).toBe(4)
    expect(() =>
      decodeBedrockEmbeddingResponses([{ embeddings: [[1]] }], { request, model: cohere }),
    ).toThrow('malformed')
  })
})
