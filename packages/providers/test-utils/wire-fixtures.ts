// Test helper: loads the provider wire fixtures of test/fixtures/ and turns them into upstream scripts.
import { readFileSync } from 'node:fs'
import { EventStreamCodec } from '@smithy/eventstream-codec'
import { fromUtf8, toUtf8 } from '@smithy/util-utf8'
import { json, sse, type UpstreamScript } from './scripted-upstream.js'

/** Providers with fixtures. */
export type FixtureProvider = 'openai' | 'anthropic' | 'gemini' | 'bedrock'

const root = new URL('../test/fixtures/', import.meta.url)

interface RecordedJson {
  status: number
  headers: Record<string, string>
  body: unknown
}

interface RecordedFrame {
  type: 'event' | 'exception'
  name: string
  payload: unknown
}

function read(provider: FixtureProvider, file: string): string {
  return readFileSync(new URL(`${provider}/${file}`, root), 'utf8')
}

/** A recorded JSON answer (`plain`, `tools`, `error`) as a script. */
export function jsonFixture(provider: FixtureProvider, name: 'plain' | 'tools' | 'error'): UpstreamScript {
  const recorded = JSON.parse(read(provider, `${name}.json`)) as RecordedJson
  return json(recorded.status, recorded.body, recorded.headers)
}

/** The recorded JSON answer itself, for assertions. */
export function readJsonFixture(provider: FixtureProvider, name: 'plain' | 'tools' | 'error'): RecordedJson {
  return JSON.parse(read(provider, `${name}.json`)) as RecordedJson
}

const codec = new EventStreamCodec(toUtf8, fromUtf8)
const text = (value: string) => ({ type: 'string' as const, value })

function encodeFrame(frame: RecordedFrame): Uint8Array {
  const nameHeader = frame.type === 'event' ? ':event-type' : ':exception-type'
  return codec.encode({
    headers: {
      [nameHeader]: text(frame.name),
      ':content-type': text('application/json'),
      ':message-type': text(frame.type),
    },
    body: fromUtf8(JSON.stringify(frame.payload)),
  })
}

/**
 * A recorded stream (`stream`, `mid-stream-error`) as a script: SSE bytes written in two halves
 * (so events split across TCP chunks), or Bedrock frames encoded one write each.
 */
export function streamFixture(
  provider: FixtureProvider,
  name: 'stream' | 'mid-stream-error',
): UpstreamScript {
  if (provider === 'bedrock') {
    const frames = JSON.parse(read(provider, `${name}.frames.json`)) as RecordedFrame[]
    return async (response) => {
      response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' })
      for (const frame of frames) response.write(encodeFrame(frame))
      response.end()
    }
  }
  const bytes = Buffer.from(read(provider, `${name}.sse`), 'utf8')
  const cut = Math.floor(bytes.length / 2)
  return sse([bytes.subarray(0, cut), bytes.subarray(cut)])
}
