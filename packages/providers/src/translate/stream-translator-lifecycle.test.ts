import { GatewayError } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { loadFixture, payloadsOf } from '../../test-utils/sse.js'
import { createStreamTranslator } from './stream-translator.js'

const now = () => 1_730_000_000_000

describe('stream translator lifecycle', () => {
  it('reports a stream cut short as an error event of the client wire', () => {
    const translator = createStreamTranslator({
      from: 'openai-chat',
      to: 'anthropic-messages',
      includeUsage: false,
      requestModel: 'm',
      now,
    })
    const first = loadFixture('openai-chat-text.chunks.txt')[1]!
    translator.push(first)
    expect(payloadsOf(translator.end())).toEqual([
      {
        event: 'error',
        data: {
          type: 'error',
          error: {
            type: 'api_error',
            message: 'provider_error: The upstream stream ended before it finished',
          },
        },
      },
    ])
  })

  it('writes a thrown GatewayError as the client wire error event', () => {
    const translator = createStreamTranslator({
      from: 'anthropic-messages',
      to: 'openai-chat',
      includeUsage: false,
      requestModel: 'm',
      now,
    })
    const error = new GatewayError('provider_timeout', 'The provider did not answer in time')
    expect(payloadsOf(translator.error(error))).toEqual([
      {
        data: {
          error: {
            type: 'api_error',
            code: 'provider_timeout',
            message: 'The provider did not answer in time',
            param: null,
          },
        },
      },
    ])
  })

  it('passes events through unchanged between identical wires', () => {
    const translator = createStreamTranslator({
      from: 'anthropic-messages',
      to: 'anthropic-messages',
      includeUsage: false,
      requestModel: 'm',
    })
    expect(translator.push({ event: 'ping', data: '{"type":"ping"}' })).toBe(
      'event: ping\ndata: {"type":"ping"}\n\n',
    )
  })

  it('turns an upstream ping into an SSE keep-alive comment for OpenAI clients', () => {
    const translator = createStreamTranslator({
      from: 'anthropic-messages',
      to: 'openai-responses',
      includeUsage: false,
      requestModel: 'm',
      now,
    })
    const text = loadFixture('anthropic-tool-use.chunks.txt')
      .map((event) => translator.push(event))
      .join('')
    const payloads = payloadsOf(text)
    expect(text).toContain(': ping\n\n')
    expect(payloads.some((payload) => payload.event === 'ping')).toBe(false)
  })
})
