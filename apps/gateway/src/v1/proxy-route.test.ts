// End to end: keys on one keep-alive connection (the authenticate step remembers a connection's key hash).
import { Client } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, chatBody, pollUntil } from '../test-utils/v1-http.js'

let stack: TestStack
let client: Client
let connections = 0

beforeAll(async () => {
  stack = await startStack()
  await stack.catchUpChangeFeed()
  // One connection, one request at a time: every request below arrives on the same socket.
  client = new Client(stack.gateway.url, { pipelining: 1 })
  client.on('connect', () => {
    connections++
  })
})
afterAll(async () => {
  await client?.close()
  await stack?.close()
})

async function chat(key: string): Promise<{ status: number; code: string | undefined }> {
  const response = await client.request({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json', ...bearer(key) },
    body: JSON.stringify(chatBody()),
  })
  const body = (await response.body.json()) as { error?: { code?: string } }
  return { status: response.statusCode, code: body.error?.code }
}

describe('keys on one keep-alive connection', () => {
  it('serves each key as itself, and refuses a revoked key on the connection that presented it before', async () => {
    const first = await stack.createKey()
    const second = await stack.createKey()
    const unknown = `lw_vk_live_01J9ZK3V7Q8R2W5X6Y7Z8A9B0C${'a1B2c3D4e5'.repeat(3)}xy`
    expect((await chat(first.key)).status).toBe(200)
    expect((await chat(first.key)).status).toBe(200)
    expect((await chat(second.key)).status).toBe(200)
    expect(await chat(unknown)).toMatchObject({ status: 401, code: 'invalid_api_key' })
    expect((await chat(first.key)).status).toBe(200)
    await stack.admin.request('POST', `/virtual-keys/${first.id}/revoke`)
    const { value } = await pollUntil(
      () => chat(first.key),
      (answer) => answer.status !== 200,
    )
    expect(value).toMatchObject({ status: 403, code: 'virtual_key_revoked' })
    expect((await chat(second.key)).status).toBe(200)
    expect(await chat(first.key)).toMatchObject({ status: 403, code: 'virtual_key_revoked' })
    // Refusals keep the connection: all of the above went through one socket.
    expect(connections).toBe(1)
  })
})
