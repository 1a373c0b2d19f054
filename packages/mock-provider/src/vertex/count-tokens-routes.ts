// Vertex token counts: Gemini `:countTokens` and Claude's shared `count-tokens:rawPredict` model.
import { handleCountTokens as handleClaudeCount } from '../anthropic/count-tokens.js'
import type { MockRoute } from '../exchange.js'
import { handleCountTokens as handleGeminiCount } from '../gemini/embed-content.js'
import { googleError } from '../gemini/gemini-error.js'
import { pathModel } from '../gemini/generate-content.js'
import type { RouteEntry } from '../route-table.js'

const locationPath = '^/(?:v1|v1beta1)/projects/(?<project>[^/]+)/locations/(?<location>[^/]+)/publishers'

/**
 * The two count routes; listed before the generic rawPredict pattern, which would otherwise take
 * `count-tokens` for a model id.
 */
export function vertexCountTokensRoutes(authorize: MockRoute['authorize']): RouteEntry[] {
  const route = (operation: string, handle: MockRoute['handle']): MockRoute => ({
    wire: 'vertex',
    operation,
    handle,
    error: googleError,
    ...(authorize === undefined ? {} : { authorize }),
    model: pathModel,
  })
  return [
    {
      method: 'POST',
      paths: [new RegExp(`${locationPath}/anthropic/models/count-tokens:rawPredict$`)],
      route: route('count-tokens', handleClaudeCount),
    },
    {
      method: 'POST',
      paths: [new RegExp(`${locationPath}/google/models/(?<model>[^/:]+):countTokens$`)],
      route: route('countTokens', handleGeminiCount),
    },
  ]
}
