// Adapters are shared per credential: keys holding the same Vertex service account share one token.
import { type GatewayKeyConfig, parseGatewayKeyConfig } from '@gw/contract'
import { type MockProvider, startMockProvider } from '@gw/mock-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestServiceAccount } from '../../test-utils/sdk-fixtures.js'
import { createProviderClient, type ProviderClient } from '../client/create-provider-client.js'
import { MemorySink } from '../client/memory-sink.js'
import { routerForKeyConfig } from '../routing/router-for-key-config.js'

let mock: MockProvider
let client: ProviderClient
let serviceAccount: Record<string, string>

beforeAll(async () => {
  const { publicKeyPem, serviceAccountFor } = createTestServiceAccount()
  mock = await startMockProvider({ replyText: 'Hello from Vertex.', vertexPublicKey: publicKeyPem })
  serviceAccount = serviceAccountFor(`${mock.url}/token`)
  client = createProviderClient({ providers: [] })
})
afterAll(async () => {
  await client.close()
  await mock.close()
})

/** A key config as a control plane sends it, every call a new object (as after a config refresh). */
function keyConfig(project = 'test-project'): GatewayKeyConfig {
  return parseGatewayKeyConfig({
    project_id: 'p',
    display_prefix: 'lw_vk_live_01',
    providers: [
      {
        id: 'mp_vertex',
        type: 'vertex',
        base_url: mock.url,
        credentials: { project_id: project, region: 'us-east5', auth_credentials: serviceAccount },
      },
    ],
  })
}

async function callWith(config: GatewayKeyConfig): Promise<number> {
  const body = { model: 'gemini-2.5-pro', messages: [{ role: 'user', content: 'Hi' }] }
  const sink = new MemorySink()
  const result = await client.forward({
    api: 'openai-chat',
    body: Buffer.from(JSON.stringify(body)),
    parsed: body,
    sink,
    candidates: routerForKeyConfig(config).resolve('gemini-2.5-pro').candidates,
  })
  return result.status
}

const tokenCalls = () => mock.requests.filter((request) => request.wire === 'oauth').length

describe('adapters per credential', () => {
  it('fetches one token for N keys that share a Vertex credential', async () => {
    mock.reset()
    const keys = Array.from({ length: 5 }, () => keyConfig())
    for (const key of keys) expect(await callWith(key)).toBe(200)
    expect(tokenCalls()).toBe(1)
  })

  it('fetches no token when one key is refreshed (a new, equal config object)', async () => {
    mock.reset()
    expect(await callWith(keyConfig())).toBe(200)
    expect(tokenCalls()).toBe(0)
  })

  it('builds a new adapter, with its own token, when the credential itself changes', async () => {
    mock.reset()
    expect(await callWith(keyConfig('other-project'))).toBe(200)
    expect(tokenCalls()).toBe(1)
  })
})
