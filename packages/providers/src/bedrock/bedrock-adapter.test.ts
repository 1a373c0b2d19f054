import { describe, expect, it } from 'vitest'
import { createBedrockAdapter } from './bedrock-adapter.js'
import { isBedrockAnthropicModel } from './model-ids.js'

const adapter = createBedrockAdapter(
  {
    id: 'aws',
    type: 'bedrock',
    credentials: {
      access_key: 'AKIDEXAMPLE',
      secret_key: 'secret',
      session_token: 'session',
      region: 'eu-west-3',
    },
    deploymentMap: { 'claude-sonnet-4-5': 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0' },
  },
  { now: () => Date.UTC(2025, 10, 20, 12, 0, 0) },
)
const base = { clientHeaders: undefined }

describe('createBedrockAdapter', () => {
  it('recognises Anthropic models directly, behind inference profiles and in ARNs', () => {
    expect(isBedrockAnthropicModel('anthropic.claude-3-haiku-20240307-v1:0')).toBe(true)
    expect(isBedrockAnthropicModel('global.anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe(true)
    expect(
      isBedrockAnthropicModel(
        'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      ),
    ).toBe(true)
    expect(isBedrockAnthropicModel('amazon.nova-pro-v1:0')).toBe(false)
  })

  it('plans InvokeModel for Anthropic clients on Claude and Converse for everything else', () => {
    const invoke = adapter.planUpstream({
      ...base,
      api: 'anthropic-messages',
      model: 'claude-sonnet-4-5',
      stream: true,
    })
    expect(invoke).toMatchObject({
      kind: 'generate',
      wire: 'bedrock-invoke-anthropic',
      bodyModel: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
      request: {
        origin: 'https://bedrock-runtime.eu-west-3.amazonaws.com',
        path: '/model/eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream',
      },
    })
    expect(
      adapter.planUpstream({ ...base, api: 'openai-chat', model: 'claude-sonnet-4-5', stream: false }),
    ).toMatchObject({
      wire: 'bedrock-converse',
      request: { path: '/model/eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse' },
    })
    expect(
      adapter.planUpstream({
        ...base,
        api: 'anthropic-messages',
        model: 'mistral.mistral-large-2407-v1:0',
        stream: true,
      }),
    ).toMatchObject({ wire: 'bedrock-converse' })
    expect(
      adapter.planUpstream({
        ...base,
        api: 'openai-embeddings',
        model: 'amazon.nova-pro-v1:0',
        stream: false,
      }),
    ).toBeUndefined()
    expect(
      adapter.planUpstream({ ...base, api: 'anthropic-count-tokens', model: 'x', stream: false }),
    ).toMatchObject({
      kind: 'count-tokens',
      wire: 'bedrock-count-tokens',
      request: { path: '/model/x/count-tokens' },
    })
  })

  it('signs every call with SigV4 over the encoded path, the body and the session token', async () => {
    const planned = adapter.planUpstream({
      ...base,
      api: 'openai-chat',
      model: 'claude-sonnet-4-5',
      stream: false,
    })
    const request = planned?.request
    if (request === undefined) throw new Error('no plan')
    const headers = await adapter.authorize?.(request, Buffer.from('{"messages":[]}'))
    const map = Object.fromEntries(
      Array.from({ length: (headers?.length ?? 0) / 2 }, (_, index) => [
        headers?.[index * 2],
        headers?.[index * 2 + 1],
      ]),
    )
    expect(map).toMatchObject({
      host: 'bedrock-runtime.eu-west-3.amazonaws.com',
      'content-type': 'application/json',
      'x-amz-date': '20251120T120000Z',
      'x-amz-security-token': 'session',
    })
    expect(map.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20251120\/eu-west-3\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    )
  })
})
