// Cross-field start-up checks on the hydrated config; each problem names the variables to fix.
import {
  type ConfigIssue,
  createConfigIssue,
  type InferConfig,
  isLoopbackHost,
  parseListenAddress,
} from '@gw/config-hydrate'
import type { gatewayConfigSchema } from './gateway-config-schema.js'
import { resolveDrainDelayMs } from './resolve-defaults.js'

type HydratedConfig = InferConfig<typeof gatewayConfigSchema>

const seconds = (ms: number): string => `${ms / 1000}s`

/**
 * Returns every cross-field problem of a hydrated gateway config (empty when it can start).
 *
 * @example
 * hydrateConfig(gatewayConfigSchema, { env, refine: checkGatewayConfig })
 */
export function checkGatewayConfig(config: HydratedConfig): ConfigIssue[] {
  return [
    ...checkSecrets(config),
    ...checkAddresses(config),
    ...checkAdminExposure(config),
    ...checkTimeouts(config),
    ...checkNetcheckHosts(config),
  ]
}

function checkSecrets(config: HydratedConfig): ConfigIssue[] {
  if (config.environment === 'local') return []
  const missing: [string, string | undefined][] = [
    ['LW_GATEWAY_INTERNAL_SECRET', config.controlPlane.internalSecret],
    ['LW_GATEWAY_JWT_SECRET', config.controlPlane.jwtSecret],
  ]
  return missing
    .filter(([, value]) => value === undefined)
    .map(([variable]) =>
      createConfigIssue({
        variable,
        value: undefined,
        expected: 'a secret shared with the control plane',
        problem: `is required when ENVIRONMENT is not "local" (ENVIRONMENT=${JSON.stringify(config.environment)}); generate one with \`openssl rand -hex 32\` and set the same value on the control plane`,
      }),
    )
}

function checkAddresses(config: HydratedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  const expected = 'a listen address like :5563, 127.0.0.1:6060 or [::1]:6060'
  if (parseListenAddress(config.server.addr) === undefined) {
    issues.push(createConfigIssue({ variable: 'SERVER_ADDR', value: config.server.addr, expected }))
  }
  const adminAddr = config.admin.addr
  if (adminAddr !== undefined && parseListenAddress(adminAddr) === undefined) {
    issues.push(createConfigIssue({ variable: 'GATEWAY_ADMIN_ADDR', value: adminAddr, expected }))
  }
  return issues
}

// Secrets a heap snapshot of the gateway would contain.
function hasSecrets(config: HydratedConfig): boolean {
  const { internalSecret, jwtSecret, jwtSecretPrevious } = config.controlPlane
  return (
    internalSecret !== undefined ||
    jwtSecret !== undefined ||
    jwtSecretPrevious !== undefined ||
    Object.keys(config.otel.otlpHeaders).length > 0
  )
}

function checkAdminExposure(config: HydratedConfig): ConfigIssue[] {
  const { addr, authToken, allowInsecure } = config.admin
  if (allowInsecure && config.environment === 'production') {
    return [
      createConfigIssue({
        variable: 'GATEWAY_ALLOW_INSECURE',
        value: 'true',
        expected: 'false (unset) in production',
        problem:
          'is refused when ENVIRONMENT=production; set GATEWAY_ADMIN_AUTH_TOKEN (32+ characters) instead',
      }),
    ]
  }
  const parsed = addr === undefined ? undefined : parseListenAddress(addr)
  if (parsed === undefined || authToken !== undefined || allowInsecure) return []
  if (isLoopbackHost(parsed.host)) {
    if (!hasSecrets(config)) return []
    return [
      createConfigIssue({
        variable: 'GATEWAY_ADMIN_AUTH_TOKEN',
        value: undefined,
        expected: 'a token of at least 32 characters',
        problem:
          'is required for the admin listener (GATEWAY_ADMIN_ADDR) whenever secrets are configured, loopback included: /debug/heap would hand them to any local process; generate one with `openssl rand -hex 32`',
      }),
    ]
  }
  return [
    createConfigIssue({
      variable: 'GATEWAY_ADMIN_ADDR',
      value: addr,
      expected: 'a loopback address, or a token in GATEWAY_ADMIN_AUTH_TOKEN',
      problem:
        'binds the admin listener beyond loopback without GATEWAY_ADMIN_AUTH_TOKEN; set GATEWAY_ADMIN_AUTH_TOKEN, bind GATEWAY_ADMIN_ADDR to 127.0.0.1, or (test harnesses only) set GATEWAY_ALLOW_INSECURE=true',
    }),
  ]
}

function checkTimeouts(config: HydratedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  const { readHeaderTimeoutMs, readTimeoutMs, gracefulMs } = config.server
  if (readHeaderTimeoutMs === 0) {
    issues.push(
      createConfigIssue({
        variable: 'SERVER_READ_HEADER_TIMEOUT',
        value: '0s',
        expected: 'a duration above 0 (it is the slowloris guard)',
      }),
    )
  } else if (readTimeoutMs > 0 && readHeaderTimeoutMs > readTimeoutMs) {
    issues.push(
      createConfigIssue({
        variable: 'SERVER_READ_HEADER_TIMEOUT',
        value: seconds(readHeaderTimeoutMs),
        expected: `at most SERVER_READ_TIMEOUT (${seconds(readTimeoutMs)})`,
      }),
    )
  }
  const terminationGraceMs = config.terminationGraceMs
  const drainDelayMs = resolveDrainDelayMs(config)
  if (terminationGraceMs !== undefined && drainDelayMs + gracefulMs > terminationGraceMs) {
    issues.push(
      createConfigIssue({
        variable: 'TERMINATION_GRACE_SECONDS',
        value: seconds(terminationGraceMs),
        expected: `at least SERVER_DRAIN_DELAY_SECONDS + SERVER_GRACEFUL_SECONDS (${seconds(drainDelayMs)} + ${seconds(gracefulMs)}) plus slack`,
        problem: `is shorter than SERVER_DRAIN_DELAY_SECONDS (${seconds(drainDelayMs)}) + SERVER_GRACEFUL_SECONDS (${seconds(gracefulMs)}); the orchestrator would kill the process mid-drain: raise TERMINATION_GRACE_SECONDS or lower the other two`,
      }),
    )
  }
  return issues
}

function checkNetcheckHosts(config: HydratedConfig): ConfigIssue[] {
  return config.startupNetcheck.hosts
    .filter((entry) => parseListenAddress(entry)?.host === undefined || parseListenAddress(entry)?.port === 0)
    .map((entry) =>
      createConfigIssue({
        variable: 'GATEWAY_STARTUP_NETCHECK_HOSTS',
        value: entry,
        expected: 'comma-separated host:port entries like api.openai.com:443',
      }),
    )
}
