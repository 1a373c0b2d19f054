import { type CompiledGuardrail, compileGuardrails } from '@gw/guardrails'
import type { ResponseSink } from '@gw/providers'
import { describe, expect, it } from 'vitest'
import { StreamGuard, type StreamGuardOptions } from './stream-guard.js'

/** A sink that records what reaches the client. */
function recordingSink() {
  const writes: string[] = []
  let ended: string | undefined
  const sink: ResponseSink = {
    writeHead: () => sink,
    write: (chunk: Uint8Array | string) => {
      writes.push(String(chunk))
      return true
    },
    end: (chunk?: Uint8Array | string) => {
      ended = chunk === undefined ? '' : String(chunk)
      return sink
    },
    on: () => sink,
    once: () => sink,
    removeListener: () => sink,
    destroy: () => sink,
    destroyed: false,
  }
  return { sink, writes, ended: () => ended }
}

const chatEvent = (content: string) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`
const chunkList = (settings: Record<string, unknown>, evaluator = 'regex'): readonly CompiledGuardrail[] =>
  compileGuardrails(
    [{ id: 'g', evaluator, direction: 'stream_chunk', failure_mode: 'fail_closed', settings }],
    [],
  )!.stream_chunk!

function guardOf(sink: ResponseSink, overrides: Partial<StreamGuardOptions>): StreamGuard {
  return new StreamGuard(sink, {
    wire: 'openai-chat',
    chunk: undefined,
    post: undefined,
    windowChars: 8,
    remoteEvery: 4,
    chunkTimeoutMs: 50,
    postTimeoutMs: 50,
    remote: async () => ({ decision: 'allow', reason: '' }),
    ...overrides,
  })
}

const textOf = (raw: string) =>
  raw
    .split('\n\n')
    .filter((event) => event.startsWith('data: {'))
    .map((event) => JSON.parse(event.slice(6)).choices?.[0]?.delta?.content ?? '')
    .join('')

describe('StreamGuard', () => {
  it('holds text until its window is checked, then releases it, events split anywhere', async () => {
    const client = recordingSink()
    const guard = guardOf(client.sink, { chunk: chunkList({ patterns: ['never'] }) })
    const bytes = Buffer.from(
      `${chatEvent('Grüße ') + chatEvent('aus ') + chatEvent('Köln!')}data: [DONE]\n\n`,
    )
    for (let i = 0; i < bytes.length; i += 7) guard.push(bytes.subarray(i, i + 7))
    expect(client.writes).toEqual([])
    await guard.end()
    const out = client.writes.join('') + client.ended()
    expect(textOf(out)).toBe('Grüße aus Köln!')
    expect(out.endsWith('data: [DONE]\n\n')).toBe(true)
  })

  it('rewrites the held deltas of a modified window', async () => {
    const client = recordingSink()
    const guard = guardOf(client.sink, { chunk: chunkList({ types: ['email'] }, 'pii') })
    for (const part of ['mail a', '@b.io now', ' please']) guard.push(chatEvent(part))
    await guard.end()
    expect(textOf(client.writes.join(''))).toBe('mail [EMAIL] now please')
  })

  it('ends a blocked stream with the error event and drops the unchecked rest', async () => {
    const client = recordingSink()
    const guard = guardOf(client.sink, { chunk: chunkList({ patterns: ['bad'] }) })
    for (const part of ['all good ', 'here, ', 'then bad ', 'words']) guard.push(chatEvent(part))
    await guard.end()
    expect(textOf(client.writes.join(''))).toBe('all good ')
    expect(JSON.parse(client.ended()!.slice(6))).toMatchObject({
      error: { code: 'guardrail_blocked', meta: { guardrail_id: 'g', direction: 'stream_chunk' } },
    })
  })

  it('runs post guardrails on the whole text before the last events when there are no chunk guardrails', async () => {
    const client = recordingSink()
    const post = compileGuardrails(
      [
        {
          id: 'p',
          evaluator: 'json_schema',
          direction: 'post',
          failure_mode: 'fail_closed',
          settings: { schema: { type: 'object' } },
        },
      ],
      [],
    )!.post!
    const guard = guardOf(client.sink, { post })
    guard.push(chatEvent('not '))
    guard.push(chatEvent('json'))
    guard.push('data: [DONE]\n\n')
    await guard.end()
    expect(textOf(client.writes.join(''))).toBe('not json')
    expect(client.writes.join('')).not.toContain('[DONE]')
    expect(client.ended()).toContain('guardrail_blocked')
  })
})
