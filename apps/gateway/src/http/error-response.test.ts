import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GatewayError } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { writeGatewayError } from './error-response.js'
import { GatewayResponse, setOwnHeaders } from './gateway-response.js'

/** One error written by `writeGatewayError` on a gateway response, fetched over loopback. */
async function errorAnswer(shape: 'openai' | 'anthropic'): Promise<Response> {
  const server = createServer({ ServerResponse: GatewayResponse }, (_incoming, outgoing) => {
    setOwnHeaders(outgoing, ['x-request-id', 'req_err', 'cache-control', 'no-store'])
    writeGatewayError(outgoing, new GatewayError('provider_timeout', 'The provider did not answer'), shape)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    return await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  } finally {
    server.close()
  }
}

describe('writeGatewayError', () => {
  it("gives an Anthropic-shaped error the gateway's request id as request-id, read from the own headers", async () => {
    const answer = await errorAnswer('anthropic')
    expect(answer.status).toBe(504)
    expect(answer.headers.get('x-request-id')).toBe('req_err')
    expect(answer.headers.get('request-id')).toBe('req_err')
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(((await answer.json()) as { type: string }).type).toBe('error')
  })

  it('writes no request-id on the OpenAI shape', async () => {
    const answer = await errorAnswer('openai')
    expect(answer.headers.get('x-request-id')).toBe('req_err')
    expect(answer.headers.get('request-id')).toBeNull()
  })
})
