import { describe, expect, it } from 'vitest'
import { bedrockModelPath, bedrockRuntimeOrigin, encodeBedrockModelId } from './endpoint.js'
import { decodeInvokeStreamEvent, encodeBedrockAnthropicBody } from './invoke-anthropic.js'

describe('Bedrock endpoints', () => {
  it('builds the regional origin, honours a base URL and refuses a malformed region', () => {
    expect(bedrockRuntimeOrigin('us-gov-west-1')).toBe('https://bedrock-runtime.us-gov-west-1.amazonaws.com')
    expect(bedrockRuntimeOrigin('us-east-1', 'http://127.0.0.1:5580/')).toBe('http://127.0.0.1:5580')
    expect(() => bedrockRuntimeOrigin('us-east-1.evil.com')).toThrow('not an AWS region name')
  })

  it('encodes model ids, inference profiles and ARNs as AWS SDKs do', () => {
    expect(encodeBedrockModelId('anthropic.claude-3-haiku-20240307-v1:0')).toBe(
      'anthropic.claude-3-haiku-20240307-v1%3A0',
    )
    expect(
      encodeBedrockModelId(
        'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-2-1b-instruct-v1:0',
      ),
    ).toBe(
      'arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.meta.llama3-2-1b-instruct-v1%3A0',
    )
    expect(encodeBedrockModelId("model(!)*'~")).toBe('model%28%21%29%2A%27~')
    expect(bedrockModelPath('amazon.nova-lite-v1:0', 'converse')).toBe(
      '/model/amazon.nova-lite-v1%3A0/converse',
    )
  })
})

describe('Anthropic on InvokeModel', () => {
  it('removes model and stream, adds the Bedrock version and betas', () => {
    expect(
      encodeBedrockAnthropicBody(
        { model: 'claude', max_tokens: 5, stream: true, system: 'S', messages: [] },
        { betas: ['interleaved-thinking-2025-05-14'] },
      ),
    ).toEqual({
      max_tokens: 5,
      system: 'S',
      messages: [],
      anthropic_version: 'bedrock-2023-05-31',
      anthropic_beta: ['interleaved-thinking-2025-05-14'],
    })
  })

  it('decodes chunk frames by their type and exceptions as Anthropic error events', () => {
    const data = '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}'
    const bytes = Buffer.from(data).toString('base64')
    expect(decodeInvokeStreamEvent({ eventType: 'chunk', messageType: 'event', payload: { bytes } })).toEqual(
      {
        event: 'content_block_delta',
        data,
      },
    )
    expect(
      decodeInvokeStreamEvent({
        messageType: 'exception',
        exceptionType: 'throttlingException',
        payload: { message: 'slow down' },
      }),
    ).toEqual({
      event: 'error',
      data: '{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}',
    })
    expect(
      decodeInvokeStreamEvent({
        messageType: 'exception',
        exceptionType: 'serviceUnavailableException',
        payload: { message: 'x' },
      })?.data,
    ).toContain('overloaded_error')
    expect(decodeInvokeStreamEvent({ eventType: 'other', messageType: 'event', payload: {} })).toBeUndefined()
  })
})
