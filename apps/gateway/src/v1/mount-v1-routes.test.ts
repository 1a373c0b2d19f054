// End to end: GET /v1/models authenticates like the proxied routes, a connection's key included.
import { Client } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, type TestStack } from '../test-utils/start-stack.js'
import { bearer, pollUntil } from '../test-utils/v1-http.js'

let stack: TestStack
let client: Client

beforeAll(async () => {
  stack = await startStack()
  await stack.catchUpChangeFeed()
  client = new Client(stack.gateway.url, { pipelining: 1 })
})
afterAll(async () => {
  await client?.close()
  await stack?.close()
})

async function models(key: string): Promise<{ status: number; ids: string[]; code: string | undefined }> {
  const response = await client.request({ method: 'GET', path: '/v1/models', headers: bearer(key) })
  const body = (await response.body.json()) as { data?: { id: string }[]; error?: { code?: string } }
  return {
    status: response.statusCode,
    ids: (body.data ?? []).map((model) => model.id),
    code: body.error?.code,
  }
}

describe('GET /v1/models on one keep-alive connection', () => {
  it('lists the models for a key presented again, and refuses it once revoked', async () => {
    const { id, key } = await stack.createKey()
    const first = await models(key)
    expect(first.status).toBe(200)
    expect(first.ids.length).toBeGreaterThan(0)
    expect(await models(key)).toEqual(first)
    await stack.admin.request('POST', `/virtual-keys/${id}/revoke`)
    const { value } = await pollUntil(
      () => models(key),
      (answer) => answer.status !== 200,
    )
    expect(value).toMatchObject({ status: 403, code: 'virtual_key_revoked' })
  })
})
