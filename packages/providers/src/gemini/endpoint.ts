// Gemini API (Generative Language API) origin, model paths and auth header.

/** Gemini API methods on a model. */
export type GeminiMethod =
  | 'generateContent'
  | 'streamGenerateContent'
  | 'embedContent'
  | 'batchEmbedContents'
  | 'countTokens'

/** The Gemini API origin. */
export const defaultGeminiOrigin = 'https://generativelanguage.googleapis.com'

/**
 * The origin: `baseUrl` (tests, proxies) without its trailing slash, else Google's.
 *
 * @example
 * geminiOrigin() // 'https://generativelanguage.googleapis.com'
 */
export function geminiOrigin(baseUrl?: string): string {
  return baseUrl === undefined || baseUrl === '' ? defaultGeminiOrigin : baseUrl.replace(/\/+$/, '')
}

/**
 * The path (and query) of a method on a model; `streamGenerateContent` asks for SSE (`?alt=sse`).
 * A `models/` prefix on the model is accepted.
 *
 * @example
 * geminiModelPath('gemini-2.5-flash', 'streamGenerateContent') // '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse'
 */
export function geminiModelPath(model: string, method: GeminiMethod, apiVersion = 'v1beta'): string {
  const name = encodeURIComponent(model.startsWith('models/') ? model.slice(7) : model)
  const path = `/${apiVersion}/models/${name}:${method}`
  return method === 'streamGenerateContent' ? `${path}?alt=sse` : path
}

/**
 * The auth header of the Gemini API (a header, never `?key=`, so keys stay out of URLs and logs).
 *
 * @example
 * geminiAuthHeaders('AIza…') // { 'x-goog-api-key': 'AIza…' }
 */
export function geminiAuthHeaders(apiKey: string): Record<string, string> {
  return { 'x-goog-api-key': apiKey }
}
