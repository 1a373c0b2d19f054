// Loads the gateway config from the environment: hydrate, check, then fill env-dependent defaults.
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { hydrateConfig, type InferConfig } from '@gw/config-hydrate'
import { checkGatewayConfig } from './config/check-gateway-config.js'
import { gatewayConfigAliases, gatewayConfigSchema } from './config/gateway-config-schema.js'
import { localEnvironment, resolveDrainDelayMs, resolveSampleRatio } from './config/resolve-defaults.js'

type HydratedConfig = InferConfig<typeof gatewayConfigSchema>

/** The gateway's frozen config: the schema's shape with every env-dependent default filled in. */
export type GatewayConfig = HydratedConfig & {
  readonly server: HydratedConfig['server'] & { readonly drainDelayMs: number }
  readonly controlPlane: HydratedConfig['controlPlane'] & {
    readonly internalSecret: string
    readonly jwtSecret: string
    readonly nodeId: string
  }
  readonly otel: HydratedConfig['otel'] & { readonly sampleRatio: number }
  readonly customerTraceBridgeBaseUrl: string
}

/** Something the operator should hear about once the logger exists. */
export interface ConfigWarning {
  /** Stable log message, e.g. `config_deprecated_variable`. */
  event: string
  message: string
  /** Non-secret facts for the log line. */
  fields: Record<string, unknown>
}

/** Options of {@link loadGatewayConfig}. */
export interface LoadGatewayConfigOptions {
  /** Default node id. Default `os.hostname`. */
  hostname?: () => string
  /** Source of the throwaway local secrets. Default 32 random bytes as hex. */
  generateSecret?: () => string
}

/** What {@link loadGatewayConfig} returns. */
export interface LoadedGatewayConfig {
  config: GatewayConfig
  /** Deprecated variables used, generated local secrets; log them once at start. */
  warnings: ConfigWarning[]
}

/**
 * Reads and validates every gateway variable from `env`. Throws `ConfigError` listing every
 * problem at once. With ENVIRONMENT=local, missing shared secrets are replaced by random
 * per-process values (the gateway starts, but cannot talk to a control plane until both sides
 * share real ones): a known default would let anyone forge bundles if it ever reached a server.
 *
 * @example
 * const { config, warnings } = loadGatewayConfig(process.env)
 * config.server.maxRequestBodyBytes // 33554432 unless SERVER_MAX_REQUEST_BODY_BYTES says otherwise
 */
export function loadGatewayConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: LoadGatewayConfigOptions = {},
): LoadedGatewayConfig {
  const warnings: ConfigWarning[] = []
  const hydrated = hydrateConfig(gatewayConfigSchema, {
    env,
    aliases: gatewayConfigAliases,
    refine: checkGatewayConfig,
    onDeprecation: (legacy, canonical) =>
      warnings.push({
        event: 'config_deprecated_variable',
        message: `${legacy} is deprecated and will be removed in v1.2; rename it to ${canonical}`,
        fields: { legacy, canonical },
      }),
  })
  const generateSecret = options.generateSecret ?? (() => randomBytes(32).toString('hex'))
  const generated: string[] = []
  const secretOrGenerated = (variable: string, value: string | undefined): string => {
    if (value !== undefined) return value
    // checkGatewayConfig already refused missing secrets outside ENVIRONMENT=local.
    generated.push(variable)
    return generateSecret()
  }
  const { controlPlane, server, otel } = hydrated
  const config: GatewayConfig = Object.freeze({
    ...hydrated,
    server: Object.freeze({ ...server, drainDelayMs: resolveDrainDelayMs(hydrated) }),
    controlPlane: Object.freeze({
      ...controlPlane,
      internalSecret: secretOrGenerated('LW_GATEWAY_INTERNAL_SECRET', controlPlane.internalSecret),
      jwtSecret: secretOrGenerated('LW_GATEWAY_JWT_SECRET', controlPlane.jwtSecret),
      nodeId: controlPlane.nodeId ?? (options.hostname ?? hostname)(),
    }),
    otel: Object.freeze({ ...otel, sampleRatio: resolveSampleRatio(hydrated) }),
    customerTraceBridgeBaseUrl: hydrated.customerTraceBridgeBaseUrl ?? controlPlane.baseUrl,
  })
  if (generated.length > 0) {
    warnings.push({
      event: 'dev_secrets_generated',
      message: `ENVIRONMENT=${localEnvironment}: ${generated.join(' and ')} unset, using random per-process values; set them (same values as the control plane) to resolve virtual keys`,
      fields: { variables: generated },
    })
  }
  return { config, warnings }
}
