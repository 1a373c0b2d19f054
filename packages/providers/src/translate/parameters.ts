// The declarative parameter table: for each client parameter, what happens per target wire.
import type { ClientWire } from './wire.js'

/** `map`: translated; `drop`: removed and listed in `X-LangWatch-Params-Dropped`; `reject`: 400 `unsupported_parameter`. */
export type ParamHandling = 'map' | 'drop' | 'reject'

/** A handling that depends on the parameter's value. */
export interface ConditionalHandling {
  when: (value: unknown) => boolean
  then: ParamHandling
  otherwise: ParamHandling
  /** The condition in words, for the README table. */
  condition: string
}

/** How one target treats a parameter. */
export type ParamRule = ParamHandling | ConditionalHandling

/** One row: a source parameter (dotted for a nested field) and its rule per target wire. */
export interface ParameterEntry<Target extends ClientWire = ClientWire> {
  param: string
  to: Record<Target, ParamRule>
  note?: string
}

/** Every row, by source wire; targets are the two other wires. Unlisted top-level parameters are dropped. */
export type ParameterTable = {
  readonly [Source in ClientWire]: readonly ParameterEntry<Exclude<ClientWire, Source>>[]
}

type Row = [param: string, first: ParamRule, second: ParamRule, note?: string]

function when(
  condition: string,
  test: (value: unknown) => boolean,
  then: ParamHandling,
): ConditionalHandling {
  return { when: test, then, otherwise: 'map', condition }
}

function rows<Target extends ClientWire>(
  targets: readonly [Target, Target],
  table: Row[],
): ParameterEntry<Target>[] {
  return table.map(([param, first, second, note]) => {
    const to = { [targets[0]]: first, [targets[1]]: second } as Record<Target, ParamRule>
    return note === undefined ? { param, to } : { param, to, note }
  })
}

const mapBoth = (...params: string[]): Row[] => params.map((param) => [param, 'map', 'map'])
const dropBoth = (...params: string[]): Row[] => params.map((param) => [param, 'drop', 'drop'])
const isTrue = (value: unknown): boolean => value === true
const nAboveOne = when('n > 1', (value) => typeof value === 'number' && value > 1, 'reject')
const withAudio = when('includes audio', (value) => Array.isArray(value) && value.includes('audio'), 'reject')
const storeTrue = when('true', isTrue, 'drop')
const storeNote = 'Anthropic stores nothing: store=false maps, store=true drops'
const truncationAuto = when('auto', (value) => value === 'auto', 'drop')

/** The table itself. README.md beside this file shows it, rendered by `renderParameterTable`. */
export const parameterTable: ParameterTable = {
  'openai-chat': rows(
    ['openai-responses', 'anthropic-messages'],
    [
      ...mapBoth('model', 'messages', 'tools', 'tool_choice', 'parallel_tool_calls', 'top_p'),
      ...mapBoth('max_tokens', 'max_completion_tokens', 'stream', 'stream_options'),
      [
        'response_format',
        'map',
        'map',
        'Anthropic: json_schema → output_config.format, json_object → a system instruction',
      ],
      ['stop', 'drop', 'map', 'Responses has no stop sequences'],
      ['temperature', 'map', 'map', 'Anthropic: clamped to 1'],
      ['reasoning_effort', 'map', 'map', 'Anthropic: thinking budget (see below)'],
      ['user', 'map', 'map', 'Anthropic: metadata.user_id'],
      ['metadata', 'map', 'drop'],
      ['n', nAboveOne, nAboveOne, 'several choices would change the response shape'],
      ['logprobs', when('true', isTrue, 'drop'), when('true', isTrue, 'drop')],
      ...dropBoth('top_logprobs', 'seed', 'frequency_penalty', 'presence_penalty', 'logit_bias'),
      ...dropBoth('prediction', 'web_search_options'),
      ['service_tier', 'map', 'drop'],
      ['prompt_cache_key', 'map', 'drop'],
      ['safety_identifier', 'map', 'drop'],
      ['verbosity', 'map', 'drop', 'Responses: text.verbosity'],
      ['store', 'map', storeTrue, storeNote],
      ['modalities', withAudio, withAudio],
      ['audio', 'reject', 'reject'],
      ['functions', 'reject', 'reject', 'legacy; use tools'],
      ['function_call', 'reject', 'reject', 'legacy; use tool_choice'],
    ],
  ),
  'openai-responses': rows(
    ['openai-chat', 'anthropic-messages'],
    [
      ...mapBoth('model', 'input', 'instructions', 'tools', 'tool_choice', 'parallel_tool_calls', 'text'),
      ...mapBoth(
        'reasoning',
        'max_output_tokens',
        'temperature',
        'top_p',
        'stream',
        'stream_options',
        'user',
      ),
      ['text.verbosity', 'map', 'drop'],
      ['metadata', 'map', 'drop'],
      ['store', 'map', storeTrue, storeNote],
      [
        'include',
        when('non-empty', (value) => Array.isArray(value) && value.length > 0, 'drop'),
        'map',
        'Anthropic thinking signatures always come back as reasoning encrypted_content',
      ],
      [
        'previous_response_id',
        'reject',
        'reject',
        'needs state stored at OpenAI; send the full input instead',
      ],
      ['conversation', 'reject', 'reject', 'needs state stored at OpenAI'],
      ['prompt', 'reject', 'reject', 'stored prompt templates live at OpenAI'],
      ['background', when('true', isTrue, 'reject'), when('true', isTrue, 'reject')],
      ['truncation', truncationAuto, truncationAuto],
      ['service_tier', 'map', 'drop'],
      ['prompt_cache_key', 'map', 'drop'],
      ['safety_identifier', 'map', 'drop'],
      ...dropBoth('top_logprobs', 'max_tool_calls', 'context_management'),
    ],
  ),
  'anthropic-messages': rows(
    ['openai-chat', 'openai-responses'],
    [
      ['model', 'map', 'map'],
      [
        'messages',
        'map',
        'map',
        '`role: "system"` entries → system / developer instructions at their position',
      ],
      ...mapBoth('system', 'max_tokens', 'tools', 'tool_choice', 'temperature', 'top_p', 'stream'),
      ['stop_sequences', 'map', 'drop', 'Responses has no stop sequences'],
      ['thinking', 'map', 'map', 'budget → effort (see below)'],
      ['metadata', 'map', 'map', 'metadata.user_id → user'],
      ['output_config', 'map', 'map', 'format → json_schema response format; effort → reasoning effort'],
      ['cache_control', 'drop', 'drop', 'OpenAI caches prompts automatically'],
      ...dropBoth('top_k', 'service_tier', 'context_management', 'inference_geo', 'speed'),
      ['container', 'reject', 'reject', 'code-execution containers exist only at Anthropic'],
      ['mcp_servers', 'reject', 'reject', 'the MCP connector exists only at Anthropic'],
    ],
  ),
}
