// Minimal OpenAI Responses wire types: the fields the translator reads and writes.

export type ResponsesInputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string; detail: 'auto' | 'low' | 'high' }
  | { type: 'output_text'; text: string }

export interface ResponsesMessageItem {
  type: 'message'
  role: 'user' | 'assistant' | 'system' | 'developer'
  content: string | ResponsesInputContent[]
}

export interface ResponsesFunctionCallItem {
  type: 'function_call'
  id?: string
  call_id: string
  name: string
  arguments: string
  status?: 'in_progress' | 'completed' | 'incomplete'
}

export interface ResponsesFunctionCallOutputItem {
  type: 'function_call_output'
  call_id: string
  output: string | ResponsesInputContent[]
}

export interface ResponsesReasoningItem {
  type: 'reasoning'
  id: string
  summary: Array<{ type: 'summary_text'; text: string }>
  encrypted_content?: string | null
  status?: 'in_progress' | 'completed' | 'incomplete'
}

export type ResponsesInputItem =
  | ResponsesMessageItem
  | ResponsesFunctionCallItem
  | ResponsesFunctionCallOutputItem
  | ResponsesReasoningItem

export interface ResponsesFunctionTool {
  type: 'function'
  name: string
  description?: string
  parameters: Record<string, unknown>
  strict: boolean
}

export type ResponsesToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; name: string }

export type ResponsesTextFormat =
  | { type: 'text' | 'json_object' }
  | {
      type: 'json_schema'
      name: string
      schema: Record<string, unknown>
      strict?: boolean
      description?: string
    }

export interface ResponsesRequest {
  model: string
  input: ResponsesInputItem[]
  instructions?: string
  tools?: ResponsesFunctionTool[]
  tool_choice?: ResponsesToolChoice
  parallel_tool_calls?: boolean
  text?: { format?: ResponsesTextFormat; verbosity?: string }
  temperature?: number
  top_p?: number
  max_output_tokens?: number
  reasoning?: { effort?: string; summary?: string }
  stream?: boolean
  store?: boolean
  user?: string
  metadata?: Record<string, string>
  [extra: string]: unknown
}

export interface ResponsesOutputMessage {
  type: 'message'
  id: string
  role: 'assistant'
  status: 'in_progress' | 'completed' | 'incomplete'
  content: Array<{ type: 'output_text'; text: string; annotations: unknown[] }>
}

export type ResponsesOutputItem = ResponsesOutputMessage | ResponsesFunctionCallItem | ResponsesReasoningItem

export interface ResponsesUsage {
  input_tokens: number
  input_tokens_details: { cached_tokens: number }
  output_tokens: number
  output_tokens_details: { reasoning_tokens: number }
  total_tokens: number
}

export type ResponsesStatus = 'completed' | 'incomplete' | 'failed' | 'in_progress'

export interface ResponsesResponse {
  id: string
  object: 'response'
  created_at: number
  status: ResponsesStatus
  model: string
  output: ResponsesOutputItem[]
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null
  error: { code: string; message: string } | null
  usage: ResponsesUsage | null
  parallel_tool_calls: boolean
  tool_choice: ResponsesToolChoice
  tools: ResponsesFunctionTool[]
  temperature: number | null
  top_p: number | null
  metadata: Record<string, string>
  instructions: string | null
}
