// Minimal Gemini `generateContent` wire types: only the fields the codec writes or reads.

/** One part of a Gemini content. Exactly one data field is set; `thoughtSignature` may ride on any. */
export interface GeminiPart {
  text?: string
  /** True on reasoning (thought summary) parts. */
  thought?: boolean
  /** Opaque reasoning proof that Gemini 3 requires back on the function calls of the current turn. */
  thoughtSignature?: string
  inlineData?: { mimeType: string; data: string }
  fileData?: { mimeType: string; fileUri: string }
  functionCall?: { name: string; args: Record<string, unknown>; id?: string }
  functionResponse?: { name: string; response: Record<string, unknown>; id?: string }
}

/** One turn: `user` (prompts and function responses) or `model`. */
export interface GeminiContent {
  role: 'user' | 'model'
  parts: GeminiPart[]
}

/** A function the model may call; `parameters` is Gemini's OpenAPI-subset schema. */
export interface GeminiFunctionDeclaration {
  name: string
  description?: string
  parameters?: Record<string, unknown>
}

/** `generationConfig.thinkingConfig`: a token budget (2.5) or a level (3). */
export interface GeminiThinkingConfig {
  thinkingBudget?: number
  thinkingLevel?: 'low' | 'high'
  includeThoughts?: boolean
}

/** `generationConfig`. */
export interface GeminiGenerationConfig {
  temperature?: number
  topP?: number
  maxOutputTokens?: number
  stopSequences?: string[]
  responseMimeType?: string
  responseSchema?: Record<string, unknown>
  thinkingConfig?: GeminiThinkingConfig
}

/** `toolConfig.functionCallingConfig`. */
export interface GeminiFunctionCallingConfig {
  mode: 'AUTO' | 'ANY' | 'NONE'
  allowedFunctionNames?: string[]
}

/** A `generateContent` / `streamGenerateContent` request body (the model is in the URL). */
export interface GeminiRequest {
  contents: GeminiContent[]
  systemInstruction?: { parts: Array<{ text: string }> }
  tools?: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }>
  toolConfig?: { functionCallingConfig: GeminiFunctionCallingConfig }
  generationConfig?: GeminiGenerationConfig
}

/** `usageMetadata`: the prompt count INCLUDES cached tokens; candidates EXCLUDE thoughts. */
export interface GeminiUsageMetadata {
  promptTokenCount?: number
  candidatesTokenCount?: number
  cachedContentTokenCount?: number
  thoughtsTokenCount?: number
  toolUsePromptTokenCount?: number
  totalTokenCount?: number
}

/** Google's error body (Gemini API and Vertex AI). */
export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: unknown[] }
}
