// Mounts the public /v1 API on the gateway app: the proxied model routes and the models list.
import { isGatewayError } from '@gw/contract'
import { type ClientApi, routerForKeyConfig } from '@gw/providers'
import { DecodeBudget } from '../http/decode-budget.js'
import { type ErrorShape, gatewayErrorResponse } from '../http/error-response.js'
import { getRequestContext } from '../http/request-context.js'
import type { GatewayRoutes } from '../server/create-gateway-app.js'
import type { GatewayServices } from './gateway-services.js'
import { toAnthropicModelList, toOpenAIModelList } from './list-models.js'
import { createProxyHandler, createProxyPipeline } from './proxy-route.js'

const proxiedRoutes: ReadonlyArray<{ path: string; api: ClientApi; shape: ErrorShape; peek: boolean }> = [
  { path: '/v1/chat/completions', api: 'openai-chat', shape: 'openai', peek: false },
  { path: '/v1/responses', api: 'openai-responses', shape: 'openai', peek: true },
  { path: '/v1/embeddings', api: 'openai-embeddings', shape: 'openai', peek: false },
  { path: '/v1/messages', api: 'anthropic-messages', shape: 'anthropic', peek: true },
  { path: '/v1/messages/count_tokens', api: 'anthropic-count-tokens', shape: 'anthropic', peek: false },
]

/**
 * Creates the /v1 route module for `startGateway({ routes })`.
 *
 * @example
 * const services = createGatewayServices(config, { logger, metrics })
 * await startGateway(config, { logger, metrics, routes: createV1Routes(services) })
 */
export function createV1Routes(services: GatewayServices): GatewayRoutes {
  return (app, { config, directRoutes }) => {
    const decodeBudget = new DecodeBudget(config.server.maxDecodingBytes)
    for (const route of proxiedRoutes) {
      const options = {
        api: route.api,
        shape: route.shape,
        services,
        body: {
          api: route.api,
          maxBytes: config.server.maxRequestBodyBytes,
          decodeBudget,
          expectJson: true,
          logBody: route.peek && config.logging.messageBody,
        },
      }
      // Hono serves the path when the listener does not (a query string, an unusual Host).
      app.post(route.path, createProxyHandler(options))
      directRoutes.set(route.path, createProxyPipeline(options))
    }
    const startedAt = new Date()
    app.get('/v1/models', async (c) => {
      const anthropic = c.req.header('anthropic-version') !== undefined
      try {
        const key = await services.authenticate(
          c.env.incoming.headers,
          c.env.incoming.socket.remoteAddress,
          c.env.incoming.socket,
        )
        getRequestContext(c).keyPrefix = key.config.display_prefix
        const models = routerForKeyConfig(key.config).listModels()
        return c.json(
          anthropic
            ? toAnthropicModelList(models, startedAt.toISOString())
            : toOpenAIModelList(models, Math.floor(startedAt.getTime() / 1000)),
        )
      } catch (error) {
        if (!isGatewayError(error)) throw error
        return gatewayErrorResponse(error, anthropic ? 'anthropic' : 'openai')
      }
    })
  }
}
