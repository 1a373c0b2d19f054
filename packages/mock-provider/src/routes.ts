// Every endpoint of every wire the mock speaks, in one matcher.
import { anthropicRoutes } from './anthropic/anthropic-routes.js'
import { bedrockRoutes } from './bedrock/bedrock-routes.js'
import { geminiRoutes } from './gemini/gemini-routes.js'
import { openAiRoutes } from './openai/openai-routes.js'
import { createRouteMatcher } from './route-table.js'
import { vertexRoutes } from './vertex/vertex-routes.js'

/** Matches a request to its wire and operation. */
export const matchMockRoute = createRouteMatcher([
  ...openAiRoutes,
  ...anthropicRoutes,
  ...geminiRoutes,
  ...bedrockRoutes,
  ...vertexRoutes,
])
