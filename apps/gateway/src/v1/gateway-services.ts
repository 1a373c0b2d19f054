// Builds the long-lived collaborators of the /v1 routes from the config: auth, change feed, providers.
import { hostname } from 'node:os'
import { type AuthCache, createAuthCache, createBundleVerifier } from '@gw/auth-cache'
import { createAddressPolicy, createControlPlaneClient } from '@gw/contract'
import type { GatewayMetrics } from '@gw/otel'
import { createProviderClient, type ProviderClient } from '@gw/providers'
import type { RoutingEngine } from '@gw/routing'
import type { Logger } from 'pino'
import type { Dispatcher } from 'undici'
import type { GatewayConfig } from '../config.js'
import { type Budgets, createBudgets } from '../governance/create-budgets.js'
import { createGovernanceOptions, type GovernanceOptions } from '../governance/governance-options.js'
import { type BootstrapResult, bootstrapAuthCache } from '../key-sync/bootstrap-auth-cache.js'
import { type ChangeFeed, createChangeFeed } from '../key-sync/change-feed.js'
import { createKeyResolver } from '../key-sync/key-resolver.js'
import { createLookupLimiter } from '../key-sync/lookup-limiter.js'
import { createAuthenticator } from '../pipeline/authenticate.js'
import { createResponseCache, type ResponseCacheService } from '../response-cache/create-response-cache.js'
import { createRequestTelemetry, type RequestTelemetry } from '../telemetry/create-request-telemetry.js'
import { createRouting } from './create-routing.js'

/** Options of {@link createGatewayServices}. */
export interface GatewayServicesOptions {
  logger: Logger
  metrics: GatewayMetrics
  /** Dispatcher for provider calls (tests). Default: the providers package's own pools. */
  providerDispatcher?: Dispatcher
  /** Clock in ms for the auth cache (tests). Default `Date.now`. */
  now?: () => number
}

/** What the /v1 routes share. */
export interface GatewayServices {
  authenticate: ReturnType<typeof createAuthenticator>
  cache: AuthCache
  feed: ChangeFeed
  providers: ProviderClient
  /** Routing modes, policies and sticky sessions of the "resolve model" step (@gw/routing). */
  routing: RoutingEngine
  /** Spans and dispatch metrics of each request (the "trace request" step). */
  telemetry: RequestTelemetry
  /** Timeouts, stream window and `/guardrail/check` of the policy, cache and guardrail steps. */
  governance: GovernanceOptions
  /** Rate limiter, budget enforcer and spend spool (the rate limit and spend steps). */
  budgets: Budgets
  /** The exact-match response cache (in process, or Redis when `GATEWAY_REDIS_URL` is set). */
  responseCache: ResponseCacheService
  /**
   * Start-up work before `/startupz` turns 200: the bootstrap pull when
   * `LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_ALL_KEYS` is on (undefined when it is off). Never throws.
   */
  warmUp(): Promise<BootstrapResult | undefined>
  /** Stops the change feed and closes every outbound connection. */
  close(): Promise<void>
}

const circuitStateValue = { closed: 0, 'half-open': 1, open: 2 } as const

/**
 * Creates the services: a signed control-plane client, the bundle verifier (current then
 * previous secret), the auth cache with its resolver, the change feed that evicts from it, and
 * one provider client whose pools and breakers every key shares.
 *
 * @example
 * const services = createGatewayServices(config, { logger, metrics })
 * const routes = createV1Routes(services)
 */
export function createGatewayServices(
  config: GatewayConfig,
  options: GatewayServicesOptions,
): GatewayServices {
  const { logger, metrics } = options
  const { controlPlane } = config
  if (controlPlane.internalSecret === undefined || controlPlane.jwtSecret === undefined) {
    throw new Error('LW_GATEWAY_INTERNAL_SECRET and LW_GATEWAY_JWT_SECRET must be set to serve /v1 routes')
  }
  const client = createControlPlaneClient({
    baseUrl: controlPlane.baseUrl,
    internalSecret: controlPlane.internalSecret,
    nodeId: controlPlane.nodeId,
    signingScope: controlPlane.hmacCompat === 'path-only' ? 'path-only' : 'path-and-query',
  })
  const verifyBundle = createBundleVerifier({
    secret: controlPlane.jwtSecret,
    ...(controlPlane.jwtSecretPrevious === undefined
      ? {}
      : { previousSecret: controlPlane.jwtSecretPrevious }),
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  const cache = createAuthCache({
    ...createKeyResolver({ client, verifyBundle }),
    maxEntries: config.authCache.lruSize,
    ...(config.authCache.hardGraceMs === undefined ? {} : { hardGraceMs: config.authCache.hardGraceMs }),
    ...(config.authCache.softBumpMs === undefined ? {} : { softBumpMs: config.authCache.softBumpMs }),
    ...(options.now === undefined ? {} : { now: options.now }),
    onEvent: (event) => metrics.authCacheEvents.inc({ event }),
  })
  metrics.observeAuthCacheSize(() => cache.size)
  const feed = createChangeFeed({
    client,
    evictKey: (vkId) => cache.evictByKeyId(vkId),
    evictOrganization: (organizationId) => cache.evictByOrganization(organizationId),
    logger,
  })
  const providers = createProviderClient({
    providers: [],
    ...(options.providerDispatcher === undefined ? {} : { dispatcher: options.providerDispatcher }),
    ...(config.upstream.outboundProxy === undefined ? {} : { proxyUrl: config.upstream.outboundProxy }),
    addressPolicy: createAddressPolicy({
      refusePrivate: config.environment === 'production' && !config.upstream.allowPrivate,
    }),
    timeouts: {
      connectMs: config.upstream.connectTimeoutMs,
      headersMs: config.upstream.headersTimeoutMs,
      bodyMs: config.upstream.bodyTimeoutMs,
    },
    breaker: {
      windowMs: config.breaker.windowMs,
      failureThreshold: config.breaker.threshold,
      cooldownMs: config.breaker.cooldownMs,
      onEvent: (event) => {
        metrics.circuitState.set({ provider_id: event.providerId }, circuitStateValue[event.to])
        logger.warn(
          { provider_id: event.providerId, from: event.from, to: event.to },
          'circuit_state_changed',
        )
      },
    },
  })
  const telemetry = createRequestTelemetry(config, { logger, metrics })
  const budgets = createBudgets(config, {
    client,
    catalog: providers.catalog,
    metrics,
    logger,
    nodeId: controlPlane.nodeId ?? hostname(),
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  const responseCache = createResponseCache(config, {
    logger,
    metrics,
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  return {
    telemetry,
    authenticate: createAuthenticator({
      cache,
      onOrganization: (id, revision) => feed.start(id, revision),
      lookupLimiter: createLookupLimiter(config.authLookups),
    }),
    cache,
    feed,
    providers,
    routing: createRouting(config, providers.breakers, metrics),
    governance: createGovernanceOptions(client, config.guardrails, (labels) =>
      metrics.guardrailVerdicts.inc(labels),
    ),
    budgets,
    responseCache,
    async warmUp() {
      if (!config.authCache.bootstrapAllKeys) return undefined
      return bootstrapAuthCache({
        client,
        cache,
        ...(options.now === undefined ? {} : { clock: options.now }),
        watch: (organizationId, since) => feed.watch(organizationId, since),
        capacity: config.authCache.lruSize,
        timeoutMs: config.authCache.bootstrapTimeoutMs,
        logger,
      })
    },
    async close() {
      await feed.close()
      budgets.admits.close()
      await budgets.spool.close()
      budgets.shared?.client.disconnect()
      await responseCache.close()
      await Promise.all([client.close(), providers.close(), telemetry.tracing.shutdown()])
    },
  }
}
