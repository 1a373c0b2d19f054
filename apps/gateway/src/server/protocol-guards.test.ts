import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../test-utils/start-test-gateway.js'

let gateway: TestGateway

beforeAll(async () => {
  gateway = await startTestGateway()
})
afterAll(() => gateway?.close())

/** Writes `raw` on a fresh socket and returns everything the gateway sent before closing. */
function exchange(raw: string): Promise<string> {
  const { hostname, port } = new URL(gateway.url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(raw))
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()))
    socket.setTimeout(5_000, () => socket.destroy())
  })
}

const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))

describe('protocol guards', () => {
  it('answers an HTTP/1.1 request without Host with a 400 envelope', async () => {
    const answer = await exchange('GET /healthz HTTP/1.1\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 400 /)
    expect(bodyOf(answer)).toMatchObject({ error: { code: 'bad_request' } })
  })

  it('answers CONNECT with a 405 envelope instead of dropping the socket', async () => {
    const answer = await exchange('CONNECT 169.254.169.254:80 HTTP/1.1\r\nHost: 169.254.169.254:80\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 405 /)
    expect(bodyOf(answer)).toMatchObject({ error: { code: 'method_not_allowed' } })
  })
})
