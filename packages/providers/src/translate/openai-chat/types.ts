// Minimal OpenAI Chat Completions wire types: the fields the translator reads and writes.

export type OpenAIChatContentPart =
  | { type: 'text'; text: string; cache_control?: { type: 'ephemeral' } }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }

export interface OpenAIChatToolCall {
  id: string
  type: 'function'
  function: { name: string; arguments: string }
}

export type OpenAIChatMessage =
  | { role: 'system' | 'developer'; content: string | Array<{ type: 'text'; text: string }> }
  | { role: 'user'; content: string | OpenAIChatContentPart[] }
  | { role: 'assistant'; content: string | null; tool_calls?: OpenAIChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string }

export interface OpenAIChatTool {
  type: 'function'
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean }
}

export type OpenAIChatToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { type: 'function'; function: { name: string } }

export type OpenAIChatResponseFormat =
  | { type: 'text' | 'json_object' }
  | {
      type: 'json_schema'
      json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean; description?: string }
    }

export interface OpenAIChatRequest {
  model: string
  messages: OpenAIChatMessage[]
  tools?: OpenAIChatTool[]
  tool_choice?: OpenAIChatToolChoice
  parallel_tool_calls?: boolean
  response_format?: OpenAIChatResponseFormat
  stop?: string[]
  temperature?: number
  top_p?: number
  max_completion_tokens?: number
  reasoning_effort?: string
  stream?: boolean
  stream_options?: { include_usage: boolean }
  user?: string
  [extra: string]: unknown
}

export type OpenAIChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call'

export interface OpenAIChatUsage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  prompt_tokens_details: { cached_tokens: number }
  completion_tokens_details: { reasoning_tokens: number }
}

export interface OpenAIChatResponse {
  id: string
  object: 'chat.completion'
  created: number
  model: string
  choices: Array<{
    index: number
    message: {
      role: 'assistant'
      content: string | null
      refusal: null
      tool_calls?: OpenAIChatToolCall[]
      /** Reasoning text, as OpenAI-compatible reasoning providers send it; OpenAI ignores it. */
      reasoning_content?: string
    }
    finish_reason: OpenAIChatFinishReason
    logprobs: null
  }>
  usage: OpenAIChatUsage
}

export interface OpenAIChatChunk {
  id: string
  object: 'chat.completion.chunk'
  created: number
  model: string
  choices: Array<{
    index: number
    delta: {
      role?: 'assistant'
      content?: string
      reasoning_content?: string
      tool_calls?: Array<{
        index: number
        id?: string
        type?: 'function'
        function: { name?: string; arguments: string }
      }>
    }
    finish_reason: OpenAIChatFinishReason | null
  }>
  usage?: OpenAIChatUsage | null
}

export interface OpenAIErrorBody {
  error: { type: string; code: string | null; message: string; param: string | null }
}
