// The wires a provider is called with: the client wires, and the endpoints only clouds speak.
import type { ClientWire } from '../translate/wire.js'

/**
 * How one upstream call is shaped and read. The client wires go to OpenAI-wire and Anthropic
 * providers; the others are:
 * - `gemini-generate`: Gemini API `:generateContent` / `:streamGenerateContent?alt=sse`;
 * - `vertex-gemini`: the same bodies on Vertex AI `publishers/google`;
 * - `vertex-anthropic`: Anthropic Messages bodies on Vertex AI `:rawPredict` / `:streamRawPredict`;
 * - `bedrock-converse`: Bedrock Runtime Converse / ConverseStream (AWS event stream);
 * - `bedrock-invoke-anthropic`: Anthropic bodies on Bedrock InvokeModel / InvokeModelWithResponseStream.
 */
export type UpstreamWire =
  | ClientWire
  | 'gemini-generate'
  | 'vertex-gemini'
  | 'vertex-anthropic'
  | 'bedrock-converse'
  | 'bedrock-invoke-anthropic'

/**
 * Embedding endpoints of providers without OpenAI's: Gemini `:batchEmbedContents` (≤ 100 texts per
 * call), Bedrock InvokeModel with Titan (one text per call) or Cohere (≤ 96) bodies, Vertex
 * `:predict` on text-embedding models (≤ 250 instances; one for `gemini-embedding-*`).
 */
export type EmbeddingsWire = 'gemini-batch-embed' | 'bedrock-invoke-embed' | 'vertex-predict-embed'

/**
 * Token-count endpoints of the clouds, for Anthropic `count_tokens` clients: Gemini API and Vertex
 * `:countTokens` (`{totalTokens}`), Vertex Claude `count-tokens:rawPredict` (`{input_tokens}`),
 * Bedrock CountTokens (`{inputTokens}`).
 */
export type CountTokensWire =
  | 'gemini-count-tokens'
  | 'vertex-gemini-count-tokens'
  | 'vertex-anthropic-count-tokens'
  | 'bedrock-count-tokens'
