// Replays each provider's recorded wire answers (test/fixtures/) through translation to the other client wire.
import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ProxyHarness, startProxyHarness } from '../../test-utils/proxy-harness.js'
import { type ScriptedUpstream, startScriptedUpstream } from '../../test-utils/scripted-upstream.js'
import { testAwsCredentials } from '../../test-utils/sdk-fixtures.js'
import {
  type FixtureProvider,
  jsonFixture,
  readJsonFixture,
  streamFixture,
} from '../../test-utils/wire-fixtures.js'
import { createProviderClient, type ProviderClient } from '../client/create-provider-client.js'

let upstream: ScriptedUpstream
let client: ProviderClient
let harness: ProxyHarness
let openai: OpenAI
let anthropic: Anthropic

beforeAll(async () => {
  upstream = await startScriptedUpstream()
  client = createProviderClient({
    providers: [
      { id: 'openai', type: 'openai', baseUrl: `${upstream.url}/v1`, credentials: { api_key: 'sk' } },
      { id: 'anthropic', type: 'anthropic', baseUrl: upstream.url, credentials: { api_key: 'sk-ant' } },
      { id: 'gemini', type: 'gemini', baseUrl: upstream.url, credentials: { api_key: 'AIza-fixture' } },
      {
        id: 'bedrock',
        type: 'bedrock',
        baseUrl: upstream.url,
        credentials: {
          access_key: testAwsCredentials.accessKeyId,
          secret_key: testAwsCredentials.secretAccessKey,
          region: 'us-east-1',
        },
      },
    ],
  })
  harness = await startProxyHarness(client)
  openai = new OpenAI({ apiKey: 'k', baseURL: `${harness.url}/v1`, maxRetries: 0 })
  anthropic = new Anthropic({ apiKey: 'k', baseURL: harness.url, maxRetries: 0 })
})
afterAll(async () => {
  await harness.close()
  await client.close()
  await upstream.close()
})

/** Each provider is read by the client wire it does not speak (Anthropic by OpenAI, the others by Anthropic). */
const cases: ReadonlyArray<{ provider: FixtureProvider; model: string; client: 'openai' | 'anthropic' }> = [
  { provider: 'openai', model: 'openai/gpt-4o-mini', client: 'anthropic' },
  { provider: 'anthropic', model: 'anthropic/claude-haiku-4-5', client: 'openai' },
  { provider: 'gemini', model: 'gemini/gemini-2.5-flash', client: 'openai' },
  { provider: 'bedrock', model: 'bedrock/amazon.nova-pro-v1:0', client: 'anthropic' },
]

const weatherTool = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
}
const question = 'Weather in Paris?'

async function ask(target: (typeof cases)[number], options: { tools?: boolean } = {}) {
  if (target.client === 'openai') {
    const completion = await openai.chat.completions.create({
      model: target.model,
      messages: [{ role: 'user', content: question }],
      ...(options.tools ? { tools: [{ type: 'function', function: weatherTool }] } : {}),
    })
    const choice = completion.choices[0]
    const call = choice?.message.tool_calls?.[0]
    return {
      text: choice?.message.content ?? '',
      tool:
        call?.type === 'function'
          ? { name: call.function.name, input: JSON.parse(call.function.arguments) }
          : undefined,
      finish: choice?.finish_reason,
      outputTokens: completion.usage?.completion_tokens,
    }
  }
  const message = await anthropic.messages.create({
    model: target.model,
    max_tokens: 64,
    messages: [{ role: 'user', content: question }],
    ...(options.tools
      ? {
          tools: [
            { name: weatherTool.name, input_schema: weatherTool.parameters as Anthropic.Tool.InputSchema },
          ],
        }
      : {}),
  })
  const textBlock = message.content.find((block) => block.type === 'text')
  const toolBlock = message.content.find((block) => block.type === 'tool_use')
  return {
    text: textBlock?.type === 'text' ? textBlock.text : '',
    tool: toolBlock?.type === 'tool_use' ? { name: toolBlock.name, input: toolBlock.input } : undefined,
    finish: message.stop_reason,
    outputTokens: message.usage.output_tokens,
  }
}

async function askStreaming(target: (typeof cases)[number]): Promise<{ text: string; error: unknown }> {
  let text = ''
  try {
    if (target.client === 'openai') {
      const stream = await openai.chat.completions.create({
        model: target.model,
        messages: [{ role: 'user', content: question }],
        stream: true,
      })
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    } else {
      const stream = anthropic.messages.stream({
        model: target.model,
        max_tokens: 64,
        messages: [{ role: 'user', content: question }],
      })
      stream.on('text', (delta) => {
        text += delta
      })
      await stream.finalMessage()
    }
    return { text, error: undefined }
  } catch (error) {
    return { text, error }
  }
}

const outputTokensOf = (provider: FixtureProvider, name: 'plain' | 'tools'): number => {
  const body = readJsonFixture(provider, name).body as Record<string, Record<string, number>>
  const usage = body.usage ?? body.usageMetadata ?? {}
  // Gemini bills thoughts as output; the canonical output count includes them.
  return (
    usage.completion_tokens ??
    usage.output_tokens ??
    usage.outputTokens ??
    (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0)
  )
}

describe.each(cases)('recorded $provider answers, read by the $client SDK', (target) => {
  it('translates a plain answer with its text, finish reason and usage', async () => {
    upstream.enqueue(jsonFixture(target.provider, 'plain'))
    const answer = await ask(target)
    expect(answer.text).toBe('Paris is sunny.')
    expect(answer.finish).toBe(target.client === 'openai' ? 'stop' : 'end_turn')
    expect(answer.outputTokens).toBe(outputTokensOf(target.provider, 'plain'))
  })

  it('translates a tool call with its name and arguments', async () => {
    upstream.enqueue(jsonFixture(target.provider, 'tools'))
    const answer = await ask(target, { tools: true })
    expect(answer.tool).toEqual({ name: 'get_weather', input: { city: 'Paris' } })
    expect(answer.finish).toBe(target.client === 'openai' ? 'tool_calls' : 'tool_use')
    expect(answer.outputTokens).toBe(outputTokensOf(target.provider, 'tools'))
  })

  it("translates an error into the client's envelope with the provider's status", async () => {
    const recorded = readJsonFixture(target.provider, 'error')
    upstream.enqueue(jsonFixture(target.provider, 'error'))
    const failure = await ask(target).catch((error: unknown) => error)
    expect(failure).toMatchObject({ status: recorded.status })
    if (target.client === 'anthropic') {
      expect(failure).toMatchObject({ error: { type: 'error', error: { type: expect.any(String) } } })
    } else {
      expect(failure).toMatchObject({ error: { message: expect.any(String) }, type: expect.any(String) })
    }
  })

  it('translates a stream event by event', async () => {
    upstream.enqueue(streamFixture(target.provider, 'stream'))
    expect(await askStreaming(target)).toEqual({ text: 'Paris is sunny.', error: undefined })
  })

  it("ends a stream that failed mid-way with the client wire's error, after the text already sent", async () => {
    upstream.enqueue(streamFixture(target.provider, 'mid-stream-error'))
    const { text, error } = await askStreaming(target)
    expect(text).toBe('Paris is')
    expect(error).toBeInstanceOf(Error)
  })
})
