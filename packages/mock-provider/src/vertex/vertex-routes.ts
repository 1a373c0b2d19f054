// The Vertex AI endpoints the mock answers: Gemini and Anthropic publisher models, and the OAuth token endpoint.
import { planMessages, replyMessages } from '../anthropic/messages.js'
import { bearerToken } from '../credentials.js'
import type { MockBodyReply, MockExchange, MockReply, MockRoute } from '../exchange.js'
import { googleError } from '../gemini/gemini-error.js'
import { handleGenerateContent, handleStreamGenerateContent, pathModel } from '../gemini/generate-content.js'
import type { RouteEntry } from '../route-table.js'
import { vertexCountTokensRoutes } from './count-tokens-routes.js'
import { handleVertexPredictEmbeddings } from './predict-embeddings.js'
import { handleToken, isIssuedToken } from './token-endpoint.js'

const anthropicVersion = 'vertex-2023-10-16'
const modelPath = (publisher: string, method: string) =>
  new RegExp(
    `^/(?:v1|v1beta1)/projects/(?<project>[^/]+)/locations/(?<location>[^/]+)/publishers/${publisher}/models/(?<model>[^/:]+):${method}$`,
  )

/** With `apiKey` or `vertexPublicKey` set, the Bearer token must come from `POST /token`. */
function authorizeVertex(exchange: MockExchange): MockBodyReply | undefined {
  const { apiKey, vertexPublicKey } = exchange.settings
  if (apiKey === undefined && vertexPublicKey === undefined) return undefined
  return isIssuedToken(exchange, bearerToken(exchange.headers)) ? undefined : googleError(401)
}

function vertexRoute(
  publisher: string,
  operation: string,
  handle: (exchange: MockExchange) => MockReply,
): RouteEntry {
  const route: MockRoute = {
    wire: 'vertex',
    operation,
    handle,
    error: googleError,
    authorize: authorizeVertex,
    model: pathModel,
  }
  return { method: 'POST', paths: [modelPath(publisher, operation)], route }
}

function rawPredict(stream: boolean) {
  return (exchange: MockExchange): MockReply => {
    const { request, turn } = planMessages(exchange, {
      model: pathModel(exchange),
      version: anthropicVersion,
    })
    return replyMessages(request, turn, stream)
  }
}

/** Vertex generate and rawPredict routes, and `POST /token`. */
export const vertexRoutes: RouteEntry[] = [
  ...vertexCountTokensRoutes(authorizeVertex),
  vertexRoute('google', 'generateContent', handleGenerateContent),
  vertexRoute('google', 'predict', handleVertexPredictEmbeddings),
  vertexRoute('google', 'streamGenerateContent', handleStreamGenerateContent),
  vertexRoute('anthropic', 'rawPredict', rawPredict(false)),
  vertexRoute('anthropic', 'streamRawPredict', rawPredict(true)),
  {
    method: 'POST',
    paths: ['/token'],
    route: {
      wire: 'oauth',
      operation: 'token',
      handle: handleToken,
      error: (status, message) => ({
        status,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ error: 'invalid_request', error_description: message ?? 'Bad request' }),
      }),
    },
  },
]
