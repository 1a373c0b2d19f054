// The canonical model every wire translates through (hub and spoke): requests, responses, stream parts.

/** Anthropic-style prompt-cache marker, kept where the target wire can carry it. */
export interface CacheControl {
  type: 'ephemeral'
  ttl?: '5m' | '1h'
}

/** Plain text. */
export interface TextPart {
  type: 'text'
  text: string
  cacheControl?: CacheControl
}

/** Where an image comes from: a URL the provider fetches, or inline base64 bytes. */
export type ImageSource = { kind: 'url'; url: string } | { kind: 'base64'; mediaType: string; data: string }

/** An image input. */
export interface ImagePart {
  type: 'image'
  source: ImageSource
  /** OpenAI's resolution hint; other wires ignore it. */
  detail?: 'auto' | 'low' | 'high'
  cacheControl?: CacheControl
}

/** A tool call the assistant made; arguments stay the JSON text the model produced. */
export interface ToolCallPart {
  type: 'tool_call'
  id: string
  name: string
  argumentsJson: string
}

/** The result of a tool call, sent back in a user turn. */
export interface ToolResultPart {
  type: 'tool_result'
  toolCallId: string
  content: Array<TextPart | ImagePart>
  isError?: boolean
  cacheControl?: CacheControl
}

/**
 * Model reasoning. `signature` is the provider's opaque proof (Anthropic `signature`, Responses
 * `encrypted_content`); a redacted block carries its opaque data in `signature` and no text.
 */
export interface ReasoningPart {
  type: 'reasoning'
  text: string
  signature?: string
  redacted?: boolean
}

/** Any part of a message. */
export type ContentPart = TextPart | ImagePart | ToolCallPart | ToolResultPart | ReasoningPart

/**
 * One turn. `system` messages appear only where a wire allowed instructions mid-conversation
 * (OpenAI); leading instructions live in {@link CanonicalRequest.system}. Tool results are
 * `tool_result` parts of a `user` turn, as in Anthropic's wire.
 */
export interface CanonicalMessage {
  role: 'system' | 'user' | 'assistant'
  content: ContentPart[]
}

/** A function tool the model may call. */
export interface CanonicalTool {
  name: string
  description?: string
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>
  strict?: boolean
  cacheControl?: CacheControl
}

/** Whether and which tool the model must call. */
export type CanonicalToolChoice = 'auto' | 'none' | 'required' | { name: string }

/** The shape the answer must take. */
export type CanonicalResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema'
      name: string
      schema: Record<string, unknown>
      strict?: boolean
      description?: string
    }

/** Reasoning effort levels; `none` asks for no reasoning. */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh'

/** Reasoning settings: an effort level (OpenAI), a token budget (Anthropic), or both. */
export interface CanonicalReasoning {
  effort?: ReasoningEffort
  budgetTokens?: number
  /** Responses `reasoning.summary`: whether the client wants reasoning text back. */
  summary?: 'auto' | 'concise' | 'detailed'
}

/** A chat request in no particular wire's shape. */
export interface CanonicalRequest {
  system?: TextPart[]
  messages: CanonicalMessage[]
  tools?: CanonicalTool[]
  toolChoice?: CanonicalToolChoice
  parallelToolCalls?: boolean
  responseFormat?: CanonicalResponseFormat
  stop?: string[]
  temperature?: number
  topP?: number
  maxOutputTokens?: number
  reasoning?: CanonicalReasoning
  stream?: boolean
  /** End-user id (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string
  metadata?: Record<string, string>
  /**
   * Fields that OpenAI Chat and Responses share under the same name and meaning
   * (`service_tier`, `store`, `prompt_cache_key`, `safety_identifier`, `verbosity`).
   */
  extra: Record<string, unknown>
}

/** Why generation ended. */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error'

/**
 * Token usage. `inputTokens` EXCLUDES cache reads and writes (Anthropic's convention), so
 * total input = inputTokens + cacheReadInputTokens + cacheCreationInputTokens.
 * `outputTokens` INCLUDES `reasoningTokens`. Same shape and meaning as `Usage` in `spec/usage.ts`.
 */
export interface CanonicalUsage {
  inputTokens: number
  outputTokens: number
  cacheReadInputTokens: number
  cacheCreationInputTokens: number
  reasoningTokens: number
}

/** A complete (non-streamed) answer. */
export interface CanonicalResponse {
  id: string
  model: string
  /** Unix seconds, when the wire said. */
  created?: number
  content: Array<TextPart | ToolCallPart | ReasoningPart>
  finishReason: FinishReason
  /** The stop sequence that ended generation, when one did. */
  stopSequence?: string
  usage: CanonicalUsage
}

/** An error in no particular wire's shape. */
export interface CanonicalError {
  status?: number
  /** OpenAI-style error type (`invalid_request_error`, `rate_limit_error`, `api_error`…). */
  errorType: string
  code?: string
  message: string
}

/** One incremental event of a streamed answer. */
export type CanonicalStreamPart =
  | { type: 'start'; id: string; model: string; created?: number; usage?: Partial<CanonicalUsage> }
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  /** Ends the current reasoning block with its opaque signature. */
  | { type: 'reasoning-signature'; signature: string }
  /** A whole redacted reasoning block. */
  | { type: 'reasoning-redacted'; data: string }
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  | { type: 'tool-call-delta'; index: number; argumentsDelta: string }
  | { type: 'tool-call-end'; index: number }
  | { type: 'finish'; finishReason: FinishReason; usage: CanonicalUsage; stopSequence?: string }
  | ({ type: 'error' } & CanonicalError)
  | { type: 'ping' }
