// The Bedrock Runtime endpoints the mock answers (`/model/{modelId}/…`).
import type { MockExchange, MockReply } from '../exchange.js'
import type { RouteEntry } from '../route-table.js'
import { authorizeBedrock } from './bedrock-auth.js'
import { bedrockError } from './bedrock-error.js'
import { handleConverse, handleConverseStream } from './converse.js'
import { handleBedrockCountTokens } from './count-tokens.js'
import { bedrockModel, handleInvokeModel, handleInvokeModelWithResponseStream } from './invoke-model.js'

function bedrockRoute(operation: string, handle: (exchange: MockExchange) => MockReply): RouteEntry {
  return {
    method: 'POST',
    paths: [new RegExp(`^/model/(?<model>[^/]+)/${operation}$`)],
    route: {
      wire: 'bedrock',
      operation,
      handle,
      error: (status, message) => bedrockError(status, message),
      authorize: authorizeBedrock,
      model: bedrockModel,
    },
  }
}

/** Converse, ConverseStream, InvokeModel and InvokeModelWithResponseStream. */
export const bedrockRoutes: RouteEntry[] = [
  bedrockRoute('converse', handleConverse),
  bedrockRoute('converse-stream', handleConverseStream),
  bedrockRoute('invoke', handleInvokeModel),
  bedrockRoute('invoke-with-response-stream', handleInvokeModelWithResponseStream),
  bedrockRoute('count-tokens', handleBedrockCountTokens),
]
