// The client's wire contract, checked before any provider is called: required fields and their types.
import type { ClientApi } from '../spec/client-api.js'
import { clientApis } from '../spec/client-api.js'
import { checkFields, type FieldRule, invalidField } from './field-rules.js'

const required = (name: string, kind: FieldRule['kind']): FieldRule => ({ name, kind, required: true })
const optional = (name: string, kind: FieldRule['kind']): FieldRule => ({ name, kind, required: false })

const anthropicCommon = [
  required('model', 'string'),
  required('messages', 'array'),
  optional('system', 'string-or-array'),
  optional('tools', 'array'),
  optional('tool_choice', 'object'),
  optional('thinking', 'object'),
  optional('metadata', 'object'),
]

/** The documented required fields and the types of the fields translation reads, per API. */
const rulesByApi: Partial<Record<ClientApi, readonly FieldRule[]>> = {
  'anthropic-messages': [
    required('model', 'string'),
    required('max_tokens', 'integer'),
    ...anthropicCommon.slice(1),
    optional('stream', 'boolean'),
    optional('temperature', 'number'),
    optional('top_p', 'number'),
    optional('top_k', 'integer'),
    optional('stop_sequences', 'array'),
  ],
  'anthropic-count-tokens': anthropicCommon,
  'openai-chat': [
    required('model', 'string'),
    required('messages', 'array'),
    optional('stream', 'boolean'),
    optional('max_tokens', 'integer'),
    optional('max_completion_tokens', 'integer'),
    optional('n', 'integer'),
    optional('temperature', 'number'),
    optional('top_p', 'number'),
    optional('tools', 'array'),
    optional('stream_options', 'object'),
  ],
  'openai-responses': [
    required('model', 'string'),
    optional('input', 'string-or-array'),
    optional('instructions', 'string'),
    optional('stream', 'boolean'),
    optional('max_output_tokens', 'integer'),
    optional('temperature', 'number'),
    optional('top_p', 'number'),
    optional('tools', 'array'),
  ],
  'openai-embeddings': [required('model', 'string'), required('input', 'string-or-array')],
}

function checkMessages(api: ClientApi, messages: unknown): void {
  if (!Array.isArray(messages)) return
  const family = clientApis[api].wire
  // A plain loop and paths built only on failure: Claude Code sends hundreds of messages.
  for (let index = 0; index < messages.length; index++) {
    const message: unknown = messages[index]
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      throw invalidField(family, `messages.${index}`, 'object', message)
    }
    const { role, content } = message as Record<string, unknown>
    if (typeof role !== 'string') throw invalidField(family, `messages.${index}.role`, 'string', role)
    if (typeof content === 'string' || Array.isArray(content)) continue
    // OpenAI assistant turns with tool calls may omit content; Anthropic always needs it.
    if (family === 'openai' && (content === undefined || content === null)) continue
    throw invalidField(family, `messages.${index}.content`, 'string-or-array', content)
  }
}

/**
 * Checks the client's wire contract whatever the provider: a Messages body without `max_tokens`
 * gets Anthropic's 400 even when it is routed to OpenAI, a Chat body without `messages` OpenAI's.
 * Throws `missing_required_parameter` or `invalid_type` (400) naming the field; APIs without
 * rules (models list) pass.
 *
 * @example
 * validateClientRequest('anthropic-messages', { model: 'claude', messages: [] })
 * // throws GatewayError missing_required_parameter: "max_tokens: Field required"
 */
export function validateClientRequest(api: ClientApi, body: Record<string, unknown>): void {
  const rules = rulesByApi[api]
  if (rules === undefined) return
  checkFields(clientApis[api].wire, body, rules)
  checkMessages(api, body.messages)
}
