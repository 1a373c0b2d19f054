import { generateKeyPairSync, sign } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockProvider } from '../server.js'
import type { MockProvider } from '../types.js'

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

function assertion(tokenUri: string, privateKey = keys.privateKey): string {
  const now = Math.floor(Date.now() / 1000)
  const unsigned = `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url({
    iss: 'svc@project.iam.gserviceaccount.com',
    scope: 'https://www.googleapis.com/auth/cloud-platform',
    aud: tokenUri,
    iat: now,
    exp: now + 3600,
  })}`
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`
}

async function fetchToken(mock: MockProvider, jwt: string): Promise<Response> {
  return fetch(`${mock.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt }),
  })
}

const prefix = '/v1/projects/my-project/locations/us-east5/publishers'

describe('Vertex AI wire', () => {
  let mock: MockProvider
  let token: string

  beforeAll(async () => {
    mock = await startMockProvider({
      apiKey: 'unused-for-vertex',
      vertexPublicKey: publicKey,
      streamChunks: 2,
    })
    const response = await fetchToken(mock, assertion(`${mock.url}/token`))
    const body = (await response.json()) as { access_token: string; expires_in: number; token_type: string }
    expect(body).toMatchObject({ expires_in: 3599, token_type: 'Bearer' })
    token = body.access_token
  })
  afterAll(() => mock.close())

  const post = (path: string, body: unknown, bearer = token) =>
    fetch(`${mock.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })

  it('refuses an assertion signed by another key with invalid_grant', async () => {
    const response = await fetchToken(mock, assertion(`${mock.url}/token`, otherKeys.privateKey))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid JWT Signature.',
    })
  })

  it('answers Gemini generateContent for an issued token', async () => {
    const response = await post(`${prefix}/google/models/gemini-2.0-flash:generateContent`, {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ candidates: [{ finishReason: 'STOP' }] })
    expect(mock.requests.at(-1)).toMatchObject({ wire: 'vertex', operation: 'generateContent' })
  })

  it('answers Anthropic rawPredict and streams streamRawPredict', async () => {
    const body = {
      anthropic_version: 'vertex-2023-10-16',
      max_tokens: 20,
      messages: [{ role: 'user', content: 'hi' }],
    }
    const whole = await post(`${prefix}/anthropic/models/claude-sonnet-4-6@20250929:rawPredict`, body)
    expect(await whole.json()).toMatchObject({ type: 'message', model: 'claude-sonnet-4-6@20250929' })
    const stream = await post(`${prefix}/anthropic/models/claude-sonnet-4-6:streamRawPredict`, {
      ...body,
      stream: true,
    })
    const text = await stream.text()
    expect(text.startsWith('event: message_start\n')).toBe(true)
    expect(text.trimEnd().endsWith('data: {"type":"message_stop"}')).toBe(true)
  })

  it('refuses a rawPredict body without the Vertex anthropic_version', async () => {
    const response = await post(`${prefix}/anthropic/models/claude-sonnet-4-6:rawPredict`, {
      max_tokens: 20,
      messages: [{ role: 'user', content: 'hi' }],
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } })
  })

  it('answers text-embedding :predict with one prediction per instance, sized by outputDimensionality', async () => {
    const response = await post(`${prefix}/google/models/text-embedding-005:predict`, {
      instances: [{ content: 'first text' }, { content: 'second' }],
      parameters: { outputDimensionality: 8 },
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as {
      predictions: {
        embeddings: { values: number[]; statistics: { token_count: number; truncated: boolean } }
      }[]
    }
    expect(body.predictions).toHaveLength(2)
    for (const prediction of body.predictions) {
      expect(prediction.embeddings.values).toHaveLength(8)
      expect(prediction.embeddings.statistics.truncated).toBe(false)
      expect(prediction.embeddings.statistics.token_count).toBeGreaterThan(0)
    }
    expect(body.predictions[0]!.embeddings.values).not.toEqual(body.predictions[1]!.embeddings.values)
    expect(mock.requests.at(-1)).toMatchObject({ wire: 'vertex', operation: 'predict' })
  })

  it('refuses a :predict body without instances or with a non-string content (400 INVALID_ARGUMENT)', async () => {
    for (const body of [{}, { instances: [] }, { instances: [{ content: 42 }] }]) {
      const response = await post(`${prefix}/google/models/text-embedding-005:predict`, body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(await response.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } })
    }
  })

  it('refuses a token the mock did not issue with 401 UNAUTHENTICATED', async () => {
    const response = await post(
      `${prefix}/google/models/gemini-2.0-flash:generateContent`,
      { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] },
      'ya29.forged',
    )
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } })
  })
})
