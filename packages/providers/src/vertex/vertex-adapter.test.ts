import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createVertexAdapter, isVertexClaudeModel } from './vertex-adapter.js'

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const serviceAccount = {
  type: 'service_account',
  client_email: 'svc@p.iam.gserviceaccount.com',
  private_key: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
}
const adapter = createVertexAdapter({
  id: 'gcp',
  type: 'vertex',
  credentials: {
    project_id: 'my-project',
    region: 'global',
    auth_credentials: JSON.stringify(serviceAccount),
  },
})

describe('createVertexAdapter', () => {
  it('plans Gemini models on publishers/google and Claude models on publishers/anthropic', () => {
    expect(isVertexClaudeModel('claude-opus-4-1@20250805')).toBe(true)
    expect(
      adapter.planUpstream({
        api: 'openai-chat',
        model: 'gemini-2.5-pro',
        stream: true,
        clientHeaders: undefined,
      }),
    ).toMatchObject({
      wire: 'vertex-gemini',
      request: {
        origin: 'https://aiplatform.googleapis.com',
        path: '/v1/projects/my-project/locations/global/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse',
        headers: ['content-type', 'application/json'],
      },
    })
    expect(
      adapter.planUpstream({
        api: 'anthropic-messages',
        model: 'claude-opus-4-1@20250805',
        stream: false,
        clientHeaders: { 'anthropic-beta': 'context-1m-2025-08-07', 'x-api-key': 'client-key' },
      }),
    ).toMatchObject({
      wire: 'vertex-anthropic',
      request: {
        path: '/v1/projects/my-project/locations/global/publishers/anthropic/models/claude-opus-4-1@20250805:rawPredict',
        headers: ['content-type', 'application/json', 'anthropic-beta', 'context-1m-2025-08-07'],
      },
    })
    expect(
      adapter.planUpstream({
        api: 'openai-embeddings',
        model: 'text-embedding-005',
        stream: false,
        clientHeaders: undefined,
      }),
    ).toMatchObject({
      kind: 'embeddings',
      wire: 'vertex-predict-embed',
      request: {
        path: '/v1/projects/my-project/locations/global/publishers/google/models/text-embedding-005:predict',
      },
    })
  })

  it('drops its cached token when asked, so the next call fetches a fresh one', () => {
    expect(adapter.invalidateAuth?.()).toBe(true)
  })
})
