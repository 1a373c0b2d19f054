// The Gemini API endpoints the mock answers (`/v1beta/models/{model}:method`, also under `/v1`).
import type { MockExchange, MockReply, MockRoute } from '../exchange.js'
import { jsonHeaders } from '../exchange.js'
import type { RouteEntry } from '../route-table.js'
import { handleBatchEmbedContents, handleCountTokens, handleEmbedContent } from './embed-content.js'
import { authorizeGemini } from './gemini-auth.js'
import { googleError } from './gemini-error.js'
import { handleGenerateContent, handleStreamGenerateContent, pathModel } from './generate-content.js'

const modelPath = (method: string) => new RegExp(`^/(?:v1beta|v1|v1alpha)/models/(?<model>[^/:]+):${method}$`)

function geminiRoute(operation: string, handle: (exchange: MockExchange) => MockReply): RouteEntry {
  const route: MockRoute = {
    wire: 'gemini',
    operation,
    handle,
    error: googleError,
    authorize: authorizeGemini,
    model: pathModel,
  }
  return { method: 'POST', paths: [modelPath(operation)], route }
}

const modelListBody = JSON.stringify({
  models: ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-embedding-001'].map((id) => ({
    name: `models/${id}`,
    displayName: id,
    supportedGenerationMethods: id.includes('embedding')
      ? ['embedContent']
      : ['generateContent', 'countTokens'],
  })),
})

/** Gemini generate, stream, embed and count endpoints, and the model list. */
export const geminiRoutes: RouteEntry[] = [
  geminiRoute('generateContent', handleGenerateContent),
  geminiRoute('streamGenerateContent', handleStreamGenerateContent),
  geminiRoute('embedContent', handleEmbedContent),
  geminiRoute('batchEmbedContents', handleBatchEmbedContents),
  geminiRoute('countTokens', handleCountTokens),
  {
    method: 'GET',
    paths: ['/v1beta/models'],
    route: {
      wire: 'gemini',
      operation: 'models',
      handle: () => ({ status: 200, headers: jsonHeaders, body: modelListBody }),
      error: googleError,
      authorize: authorizeGemini,
    },
  },
]
