// Public API of @gw/gateway: config, the service shell, and helpers for route authors.

export type { ListenAddress } from '@gw/config-hydrate'
export { isLoopbackHost, parseListenAddress } from '@gw/config-hydrate'
export { gatewayConfigAliases, gatewayConfigSchema } from './config/gateway-config-schema.js'
export type { ConfigWarning, GatewayConfig, LoadedGatewayConfig, LoadGatewayConfigOptions } from './config.js'
export { loadGatewayConfig } from './config.js'
export type { ReadRequestBodyOptions } from './http/body.js'
export { abandonRequestBody, readReceivedBody, readRequestBody } from './http/body.js'
export { supportedContentEncodings } from './http/content-encoding.js'
export type { ErrorShape } from './http/error-response.js'
export {
  errorShapeForPath,
  gatewayErrorResponse,
  serializeGatewayError,
  writeGatewayError,
} from './http/error-response.js'
export type { GatewayEnv } from './http/gateway-env.js'
export { getRequestContext, RequestContext } from './http/request-context.js'
export { acceptRequestId, createRequestIdGenerator } from './http/request-id.js'
export type { DrainController, DrainOptions, DrainResult } from './lifecycle/drain.js'
export { createDrainController } from './lifecycle/drain.js'
export type { LifecycleState } from './lifecycle/lifecycle-state.js'
export type { ShutdownSignalOptions } from './lifecycle/shutdown-signals.js'
export { installShutdownSignals } from './lifecycle/shutdown-signals.js'
export type { StartupNetcheckOptions } from './lifecycle/startup-netcheck.js'
export { runStartupNetcheck, StartupNetcheckError } from './lifecycle/startup-netcheck.js'
export { logBodyPeek } from './logging/body-peek.js'
export type { CreateLoggerOptions } from './logging/create-logger.js'
export { createLogger } from './logging/create-logger.js'
export type {
  GatewayAppDependencies,
  GatewayRouteContext,
  GatewayRoutes,
} from './server/create-gateway-app.js'
export { createGatewayApp } from './server/create-gateway-app.js'
export type { HttpServerLimits } from './server/create-http-server.js'
export type { RunningGateway, StartGatewayOptions } from './server/start-gateway.js'
export { startGateway } from './server/start-gateway.js'
export type { GatewayTracing, GatewayTracingOptions } from './telemetry/create-gateway-tracing.js'
export { createGatewayTracing } from './telemetry/create-gateway-tracing.js'
export type { GatewayServices, GatewayServicesOptions } from './v1/gateway-services.js'
export { createGatewayServices } from './v1/gateway-services.js'
export { createV1Routes } from './v1/mount-v1-routes.js'
export { gatewayVersion } from './version.js'
