// What decoders and encoders receive besides the body: where to report drops, and target facts.
import type { ClientWire } from './wire.js'

/** Settings an encoder reports as dropped, named canonically; see {@link sourceParamName}. */
export type CanonicalParam =
  | 'temperature'
  | 'top_p'
  | 'reasoning'
  | 'metadata'
  | 'tools'
  | 'parallel_tool_calls'

/** Passed to request decoders. */
export interface DecodeContext {
  /** Records a dropped sub-item (e.g. a hosted tool) under a client-facing name. */
  drop(param: string): void
}

/** Passed to request encoders. */
export interface EncodeContext {
  /** Provider model id written into the body. */
  model: string
  /** Records a canonical setting the target cannot honour for this request. */
  drop(param: CanonicalParam): void
  /** `max_tokens` when the target requires one and the client sent none. */
  defaultMaxTokens: number
  /** Whether the target model accepts reasoning settings (and is a reasoning model). */
  reasoningModel: boolean
}

const sourceNames: Record<ClientWire, Partial<Record<CanonicalParam, string>>> = {
  'openai-chat': { reasoning: 'reasoning_effort' },
  'openai-responses': {},
  'anthropic-messages': {
    reasoning: 'thinking',
    parallel_tool_calls: 'tool_choice.disable_parallel_tool_use',
  },
}

/** The client's own name for a canonical setting, for `X-LangWatch-Params-Dropped`. */
export function sourceParamName(from: ClientWire, param: CanonicalParam): string {
  return sourceNames[from][param] ?? param
}
