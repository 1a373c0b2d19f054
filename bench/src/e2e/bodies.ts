// The chat bodies every target receives, so direct, floor, reference proxy and gateway do
// identical work upstream: the short two-message chat, and realistic 50 KB / 200 KB agent turns.
import type { Bodies } from './measure-target.js'

const messages = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'Say hello in one short sentence.' },
]

/**
 * Non-streaming and streaming bodies for `model` (≈ 190 B).
 *
 * @example
 * const bodies = createBodies('gpt-4o-mini')
 */
export function createBodies(model: string): Bodies {
  return {
    chat: JSON.stringify({ model, messages, max_tokens: 16 }),
    stream: JSON.stringify({ model, messages, max_tokens: 16, stream: true }),
  }
}

// Deterministic filler text: prose and code-like lines from a fixed vocabulary, no randomness.
const words = ['the', 'request', 'gateway', 'returns', 'a', 'value', 'from', 'function', 'config', 'test']
function text(seed: number, length: number): string {
  let out = ''
  for (let index = seed; out.length < length; index++) {
    out += `${words[index % words.length]}${index % 13 === 0 ? '.\n' : ' '}`
    if (index % 29 === 0) out += `const v${index % 97} = load("src/file-${index % 31}.ts", ${index % 7})\n`
  }
  return out.slice(0, length)
}

const tool = {
  type: 'function',
  function: {
    name: 'read_file',
    description: 'Read a file of the workspace and return its text.',
    parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  },
}

/**
 * An agent turn of about `bytes` bytes of JSON, like a coding assistant's: a long system prompt,
 * two tools, then user / assistant tool call / tool result rounds until the size is reached.
 * Same input, same bytes; top-level `model` and (for the streaming body) `stream` first.
 *
 * @example
 * const large = createSizedBodies('gpt-4o-mini', 200_000)
 */
export function createSizedBodies(model: string, bytes: number): Bodies {
  const turn: Array<Record<string, unknown>> = [
    { role: 'system', content: text(1, Math.min(6_000, bytes / 8)) },
  ]
  const build = (stream: boolean) =>
    JSON.stringify({
      model,
      ...(stream ? { stream: true } : {}),
      messages: turn,
      tools: [tool, { ...tool, function: { ...tool.function, name: 'list_files' } }],
      max_tokens: 16,
    })
  const addRound = (round: number, resultLength: number) => {
    const id = `call_${String(round).padStart(6, '0')}`
    turn.push(
      { role: 'user', content: text(round * 7 + 2, 300) },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id,
            type: 'function',
            function: { name: 'read_file', arguments: `{"path":"src/file-${round}.ts"}` },
          },
        ],
      },
      { role: 'tool', tool_call_id: id, content: text(round * 11 + 3, resultLength) },
    )
  }
  let round = 0
  while (build(true).length < bytes - 4_000) addRound(round++, 2_400)
  // The last round's tool result fills the rest.
  addRound(round, 0)
  const last = turn[turn.length - 1] as { content: string }
  last.content = text(round * 11 + 3, Math.max(0, bytes - build(true).length))
  // Escaped newlines are two bytes each, so trim by the excess and top up with spaces (one byte).
  for (let pass = 0; pass < 8; pass++) {
    const excess = build(true).length - bytes
    if (excess > 0) last.content = last.content.slice(0, Math.max(0, last.content.length - excess))
    else if (excess < 0) last.content += ' '.repeat(-excess)
    else break
  }
  return { chat: build(false), stream: build(true) }
}
