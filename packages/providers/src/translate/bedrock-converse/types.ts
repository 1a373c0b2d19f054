// Minimal Bedrock Runtime Converse wire types: only the fields the codec writes or reads.

/** `{ cachePoint }`: a prompt-cache breakpoint after the blocks before it. */
export interface ConverseCachePoint {
  cachePoint: { type: 'default' }
}

/** An image sent inline (the JSON API carries the bytes as base64). */
export interface ConverseImageBlock {
  image: { format: 'png' | 'jpeg' | 'gif' | 'webp'; source: { bytes: string } }
}

/** A tool call the assistant made. */
export interface ConverseToolUseBlock {
  toolUse: { toolUseId: string; name: string; input: Record<string, unknown> }
}

/** A tool result in a user turn. */
export interface ConverseToolResultBlock {
  toolResult: {
    toolUseId: string
    content: Array<{ text: string } | { json: unknown } | ConverseImageBlock>
    status?: 'success' | 'error'
  }
}

/** Reasoning the model produced, sent back so Claude can verify it (signed) or opaque (redacted). */
export interface ConverseReasoningBlock {
  reasoningContent: { reasoningText: { text: string; signature?: string } } | { redactedContent: string }
}

/** Any content block the codec writes. */
export type ConverseContentBlock =
  | { text: string }
  | ConverseImageBlock
  | ConverseToolUseBlock
  | ConverseToolResultBlock
  | ConverseReasoningBlock
  | ConverseCachePoint

/** One turn; Converse requires alternating user and assistant turns, starting with the user. */
export interface ConverseMessage {
  role: 'user' | 'assistant'
  content: ConverseContentBlock[]
}

/** `toolConfig.toolChoice`. */
export type ConverseToolChoice =
  | { auto: Record<string, never> }
  | { any: Record<string, never> }
  | { tool: { name: string } }

/** A tool definition (or a cache point after the definitions before it). */
export type ConverseTool =
  | { toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } } }
  | ConverseCachePoint

/** A `Converse` / `ConverseStream` request body (the model id is in the URL). */
export interface ConverseRequest {
  messages: ConverseMessage[]
  system?: Array<{ text: string } | ConverseCachePoint>
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] }
  toolConfig?: { tools: ConverseTool[]; toolChoice?: ConverseToolChoice }
  additionalModelRequestFields?: Record<string, unknown>
  requestMetadata?: Record<string, string>
}
