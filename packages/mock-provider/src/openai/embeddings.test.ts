import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockProvider } from '../server.js'
import type { MockProvider } from '../types.js'

describe('OpenAI embeddings and models wire', () => {
  let mock: MockProvider
  let client: OpenAI

  beforeAll(async () => {
    mock = await startMockProvider()
    client = new OpenAI({ baseURL: `${mock.url}/v1`, apiKey: 'sk-test', maxRetries: 0 })
  })
  afterAll(() => mock.close())

  it('answers float vectors of the default dimension, the same for the same text', async () => {
    const first = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'float',
    })
    const again = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'a',
      encoding_format: 'float',
    })
    expect(first.data).toHaveLength(2)
    expect(first.data[0]?.embedding).toHaveLength(8)
    expect(again.data[0]?.embedding).toEqual(first.data[0]?.embedding)
    expect(first.data[1]?.embedding).not.toEqual(first.data[0]?.embedding)
    expect(first.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 })
  })

  it('answers base64 float32 that the SDK decodes by default, honouring dimensions', async () => {
    const decoded = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello',
      dimensions: 16,
    })
    const floats = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello',
      dimensions: 16,
      encoding_format: 'float',
    })
    const raw = mock.requests.at(-2)
    expect(JSON.parse(raw?.body.toString() ?? '{}').encoding_format).toBe('base64')
    expect(decoded.data[0]?.embedding).toHaveLength(16)
    expect(decoded.data[0]?.embedding).toEqual(floats.data[0]?.embedding)
  })

  it('lists and retrieves models', async () => {
    const page = await client.models.list()
    expect(page.data.map((model) => model.id)).toContain('gpt-4o-mini')
    const model = await client.models.retrieve('gpt-4o')
    expect(model).toMatchObject({ id: 'gpt-4o', object: 'model' })
    await expect(client.models.retrieve('nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError)
  })
})
