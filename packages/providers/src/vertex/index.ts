// Public API of the Vertex AI building blocks: service-account tokens, endpoints, Anthropic-on-Vertex bodies.

export type { VertexMethod, VertexModelPathOptions } from './endpoint.js'
export {
  encodeVertexAnthropicBody,
  vertexAnthropicVersion,
  vertexModelPath,
  vertexOrigin,
} from './endpoint.js'
export type { GoogleCredentials, ServiceAccount } from './service-account.js'
export { defaultTokenUri, parseGoogleCredentials, parseServiceAccount } from './service-account.js'
export type { VertexTokenSource, VertexTokenSourceOptions } from './token-source.js'
export { cloudPlatformScope, createVertexTokenSource } from './token-source.js'
