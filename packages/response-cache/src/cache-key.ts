// The cache key of a request: a SHA-256 of its wire-independent meaning, scoped per project.
import { createHash } from 'node:crypto'
import { type ClientWire, wireCodecs } from '@gw/providers/internal'
import { stableStringify } from './stable-json.js'

/** What {@link computeCacheKey} hashes besides the body. */
export interface CacheKeyInput {
  /** The client's wire (the shape of `body`). */
  wire: ClientWire
  /** The parsed request body. */
  body: Record<string, unknown>
  /** Isolation scope: the project id (entries never cross projects). */
  scope: string
  /** The model as asked and as resolved (e.g. `fast→openai/gpt-4o-mini`): an alias change is a new key. */
  model: string
  /** A cache rule's `salt`: changing it starts a fresh cache. */
  salt?: string
}

// Top-level fields the translation layer reads (their meaning is in the canonical request), plus
// fields that do not change the answer (`user`, `metadata`, `stream_options`: usage is re-encoded
// on replay). Any other field joins the key as is, under the wire's name.
const decodedFields: Record<ClientWire, ReadonlySet<string>> = {
  'openai-chat': new Set([
    'model',
    'messages',
    'tools',
    'tool_choice',
    'parallel_tool_calls',
    'response_format',
    'stop',
    'temperature',
    'top_p',
    'max_tokens',
    'max_completion_tokens',
    'reasoning_effort',
    'stream',
    'stream_options',
    'user',
    'metadata',
    'service_tier',
    'store',
    'prompt_cache_key',
    'safety_identifier',
    'verbosity',
  ]),
  'openai-responses': new Set([
    'model',
    'input',
    'instructions',
    'tools',
    'tool_choice',
    'parallel_tool_calls',
    'text',
    'temperature',
    'top_p',
    'max_output_tokens',
    'reasoning',
    'stream',
    'user',
    'metadata',
    'service_tier',
    'store',
    'prompt_cache_key',
    'safety_identifier',
    'verbosity',
  ]),
  'anthropic-messages': new Set([
    'model',
    'system',
    'messages',
    'tools',
    'tool_choice',
    'stop_sequences',
    'temperature',
    'top_p',
    'max_tokens',
    'thinking',
    'output_config',
    'stream',
    'metadata',
  ]),
}

// Message fields each wire's decoder reads; any other one (a chat `name`…) joins the key.
const messageFields: Partial<Record<ClientWire, ReadonlySet<string>>> = {
  'openai-chat': new Set(['role', 'content', 'tool_calls', 'tool_call_id', 'reasoning_content', 'refusal']),
  'anthropic-messages': new Set(['role', 'content']),
}

function undecoded(wire: ClientWire, body: Record<string, unknown>): Record<string, unknown> | undefined {
  let extras: Record<string, unknown> | undefined
  const known = decodedFields[wire]
  for (const name in body) {
    if (known.has(name)) continue
    extras ??= {}
    extras[name] = body[name]
  }
  const fields = messageFields[wire]
  if (fields !== undefined && Array.isArray(body.messages)) {
    body.messages.forEach((message: unknown, index) => {
      if (typeof message !== 'object' || message === null) return
      for (const name in message) {
        if (fields.has(name)) continue
        extras ??= {}
        extras[`messages[${index}].${name}`] = (message as Record<string, unknown>)[name]
      }
    })
  }
  return extras
}

/**
 * Hashes the normalised request: the canonical form the translation layer reads (system,
 * messages, tools, tool choice, response format, sampling parameters, maximum tokens, reasoning,
 * `stream`), so the same question asked on OpenAI Chat, Responses or Anthropic Messages gets the
 * same key; the end-user id and metadata are left out. Fields the translation layer does not read
 * (`seed`, `n`, `top_k`, a message `name`…) are added with the wire's name, so such a request only
 * matches its own wire; a body the layer cannot read at all is hashed whole for its wire. Never
 * sees the virtual key: the scope (project id) isolates tenants.
 *
 * @example
 * computeCacheKey({ wire: 'openai-chat', body, scope: projectId, model: 'gpt-4o-mini→openai/gpt-4o-mini' })
 * // → '5d41402abc4b2a76b9719d911017c592…' (64 hex digits)
 */
export function computeCacheKey(input: CacheKeyInput): string {
  const { wire, body } = input
  let meaning: unknown
  let wireSpecific: Record<string, unknown> | undefined
  let dropped = false
  try {
    const canonical = wireCodecs[wire].decodeRequest(body, { drop: () => (dropped = true) })
    canonical.user = undefined
    canonical.metadata = undefined
    // Anthropic's absent `stream` and OpenAI's `stream: false` mean the same.
    canonical.stream = canonical.stream === true ? true : undefined
    meaning = canonical
    wireSpecific = undecoded(wire, body)
  } catch {
    dropped = true
  }
  if (dropped) {
    const { user: _user, metadata: _metadata, stream_options: _options, ...rest } = body
    meaning = undefined
    wireSpecific = rest
  }
  const material = stableStringify({
    v: 1,
    scope: input.scope,
    model: input.model,
    salt: input.salt,
    request: meaning,
    ...(wireSpecific === undefined ? {} : { wire, wireSpecific }),
  })
  return createHash('sha256').update(material).digest('hex')
}
