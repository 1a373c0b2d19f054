import { describe, expect, it } from 'vitest'
import { parseCliArguments } from './cli-options.js'

describe('gw-mock-provider arguments', () => {
  it('defaults to port 5580 on loopback without recording', () => {
    expect(parseCliArguments([])).toEqual({
      options: { host: '127.0.0.1', port: 5580, recordRequests: false },
      quiet: false,
      help: false,
    })
  })

  it('reads delays, reply, chunks, keys and quiet', () => {
    const parsed = parseCliArguments([
      '--port=0',
      '--latency-ms',
      '5',
      '--chunk-delay-ms',
      '2',
      '--reply-text',
      'hi',
      '--stream-chunks',
      '3',
      '--api-key',
      'k',
      '--aws-access-key-id',
      'AK',
      '--aws-secret-access-key',
      'SK',
      '--quiet',
    ])
    expect(parsed.options).toMatchObject({
      port: 0,
      latencyMs: 5,
      chunkDelayMs: 2,
      replyText: 'hi',
      streamChunks: 3,
      apiKey: 'k',
      aws: { accessKeyId: 'AK', secretAccessKey: 'SK' },
    })
    expect(parsed.quiet).toBe(true)
  })

  it('names the flag of a bad value', () => {
    expect(() => parseCliArguments(['--latency-ms', 'soon'])).toThrow(/--latency-ms/)
    expect(() => parseCliArguments(['--aws-access-key-id', 'AK'])).toThrow(/go together/)
  })
})
