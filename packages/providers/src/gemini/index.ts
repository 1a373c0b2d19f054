// Public API of the Gemini API building blocks: endpoints, auth header, usage side channel.

export type { GeminiMethod } from './endpoint.js'
export { defaultGeminiOrigin, geminiAuthHeaders, geminiModelPath, geminiOrigin } from './endpoint.js'
export { createGeminiStreamObserver, readGeminiResponseUsage } from './gemini-usage.js'
