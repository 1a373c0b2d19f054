// The control plane's configuration: one valibot schema hydrated from environment variables.
import {
  envBoolean,
  envDuration,
  envEnum,
  envListenAddress,
  envSecret,
  envString,
  envUrl,
  hydrateConfig,
  type InferConfig,
  withEnvName,
} from '@gw/config-hydrate'
import * as v from 'valibot'
import { parseEncryptionKey } from './crypto/secret-box.js'

function isEncryptionKey(value: string): boolean {
  try {
    parseEncryptionKey(value)
    return true
  } catch {
    return false
  }
}

function isPostgresUrl(value: string | undefined): boolean {
  if (value === undefined) return true
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol)
  } catch {
    return false
  }
}

const SECRET_MIN_LENGTH = 32

/**
 * Every variable the control plane reads. Secrets are required in every environment: the
 * internal and JWT secrets must equal the gateway's, and a pepper or encryption key generated
 * at start would orphan every stored key and credential at the next restart.
 */
export const controlPlaneConfigSchema = v.object({
  controlPlane: v.object({
    /** CONTROL_PLANE_ADDR: `host:port` or `:port` (all interfaces). */
    addr: envListenAddress(':5560'),
    /** CONTROL_PLANE_DATA_DIR: PGlite directory when DATABASE_URL is unset; `memory://` keeps nothing. */
    dataDir: envString('.data/control-plane'),
    /** CONTROL_PLANE_ADMIN_TOKEN: bearer token of /api/admin/*. */
    adminToken: envSecret({ required: true, minLength: 16 }),
    /** CONTROL_PLANE_ENCRYPTION_KEY: 32 bytes, hex or base64; seals provider credentials (AES-256-GCM). */
    encryptionKey: v.pipe(
      envSecret({ required: true }),
      v.check(isEncryptionKey, 'must be 32 bytes as 64 hex or 44 base64 characters (openssl rand -hex 32)'),
    ),
    /** CONTROL_PLANE_BUNDLE_TTL: lifetime of the bundle JWTs from /resolve-key (ms). Default 900 s. */
    bundleTtl: v.pipe(envDuration(900_000), v.minValue(1_000, 'must be at least 1s')),
    /** CONTROL_PLANE_CHANGES_MAX_WAIT: longest /changes long poll (ms), 1–25 s. Default 25 s. */
    changesMaxWait: v.pipe(
      envDuration(25_000),
      v.minValue(1_000, 'must be at least 1s'),
      v.maxValue(25_000, 'must be at most 25s'),
    ),
    /**
     * CONTROL_PLANE_ALLOW_PRIVATE_BASE_URLS: in `ENVIRONMENT=production`, let provider URLs name
     * private and loopback hosts (refused there by default). Link-local/metadata stay refused.
     */
    allowPrivateBaseUrls: envBoolean(false),
    /** CONTROL_PLANE_CONSOLE_GATEWAY_URL: the gateway URL the console's key page tells users to set. */
    consoleGatewayUrl: envUrl('http://localhost:5563'),
  }),
  /** DATABASE_URL: PostgreSQL connection string; unset → embedded PGlite. */
  databaseUrl: withEnvName(
    v.pipe(envSecret(), v.check(isPostgresUrl, 'must be a postgres:// or postgresql:// URL')),
    'DATABASE_URL',
  ),
  /** LW_GATEWAY_INTERNAL_SECRET: HMAC secret of /api/internal/gateway/* (same on the gateway). */
  internalSecret: withEnvName(
    envSecret({ required: true, minLength: SECRET_MIN_LENGTH }),
    'LW_GATEWAY_INTERNAL_SECRET',
  ),
  /** LW_GATEWAY_JWT_SECRET: HS256 secret of bundle JWTs (same on the gateway). */
  jwtSecret: withEnvName(
    envSecret({ required: true, minLength: SECRET_MIN_LENGTH }),
    'LW_GATEWAY_JWT_SECRET',
  ),
  /** LW_VIRTUAL_KEY_PEPPER: HMAC key of stored key digests; control plane only. */
  virtualKeyPepper: withEnvName(
    envSecret({ required: true, minLength: SECRET_MIN_LENGTH }),
    'LW_VIRTUAL_KEY_PEPPER',
  ),
  /**
   * LW_GATEWAY_HMAC_COMPAT: `path-only` also accepts internal-API signatures that leave the query
   * out (LangWatch's gateways); default `off` requires the path with its query.
   */
  hmacCompat: withEnvName(envEnum(['off', 'path-only'], 'off'), 'LW_GATEWAY_HMAC_COMPAT'),
  /** ENVIRONMENT: free-form label in every log line. Default `local`. */
  environment: envString('local'),
  /** LOG_LEVEL. Default `info`. */
  logLevel: envEnum(['debug', 'info', 'warn', 'error'], 'info'),
})

/** The hydrated, frozen control-plane configuration. */
export type ControlPlaneConfig = InferConfig<typeof controlPlaneConfigSchema>

/**
 * Reads the configuration from `env` (default `process.env`). Throws a `ConfigError` listing
 * every bad or missing variable, secrets masked.
 *
 * @example
 * const config = loadControlPlaneConfig()
 */
export function loadControlPlaneConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ControlPlaneConfig {
  return hydrateConfig(controlPlaneConfigSchema, { env })
}
