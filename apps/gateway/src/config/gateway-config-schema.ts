// The gateway's one config schema: every environment variable it reads, with defaults and forms.
import {
  envBoolean,
  envBytes,
  envDuration,
  envEnum,
  envInteger,
  envKeyValues,
  envList,
  envNumber,
  envSecret,
  envString,
  envUrl,
  withEnvName,
} from '@gw/config-hydrate'
import * as v from 'valibot'

const KiB = 1024
const MiB = 1024 * KiB

/** Log levels accepted by `LOG_LEVEL`. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const

/**
 * Every variable the gateway honours. Keys ending in `Ms` hold milliseconds whatever the
 * variable's name says (`SERVER_GRACEFUL_SECONDS=5` → `gracefulMs: 5000`). Optional fields
 * whose default depends on another variable are filled in by `loadGatewayConfig`.
 */
export const gatewayConfigSchema = v.object({
  environment: envString('local'),
  server: v.object({
    // A listen address; checked by checkGatewayConfig with the shared parseListenAddress, so a
    // malformed one is reported together with every other problem.
    addr: envString(':5563'),
    gracefulMs: withEnvName(envDuration(5_000), 'SERVER_GRACEFUL_SECONDS'),
    /** Default 5 s, 0 when ENVIRONMENT=local. */
    drainDelayMs: withEnvName(v.optional(envDuration()), 'SERVER_DRAIN_DELAY_SECONDS'),
    readHeaderTimeoutMs: withEnvName(envDuration(5_000), 'SERVER_READ_HEADER_TIMEOUT'),
    readTimeoutMs: withEnvName(envDuration(60_000), 'SERVER_READ_TIMEOUT'),
    idleTimeoutMs: withEnvName(envDuration(120_000), 'SERVER_IDLE_TIMEOUT'),
    maxRequestBodyBytes: envBytes(32 * MiB, { min: 1 }),
    maxDecodingBytes: envBytes(128 * MiB, { min: 1 }),
    maxHeaderBytes: envBytes(64 * KiB, { min: 1 * KiB, max: 16 * MiB }),
    /** /v1 requests held at once; past it 503 `overloaded` before any work. 0: no cap. */
    maxInflightRequests: envInteger(2_048, { min: 0 }),
  }),
  terminationGraceMs: withEnvName(v.optional(envDuration()), 'TERMINATION_GRACE_SECONDS'),
  controlPlane: v.object({
    baseUrl: withEnvName(envUrl('http://localhost:5560'), 'LW_GATEWAY_BASE_URL'),
    internalSecret: withEnvName(envSecret(), 'LW_GATEWAY_INTERNAL_SECRET'),
    jwtSecret: withEnvName(envSecret(), 'LW_GATEWAY_JWT_SECRET'),
    jwtSecretPrevious: withEnvName(envSecret(), 'LW_GATEWAY_JWT_SECRET_PREVIOUS'),
    /** Default: the host name. */
    nodeId: withEnvName(v.optional(envString()), 'LW_GATEWAY_NODE_ID'),
    /** `path-only`: sign internal calls without the query (LangWatch's control plane). Default `off`. */
    hmacCompat: withEnvName(envEnum(['off', 'path-only'], 'off'), 'LW_GATEWAY_HMAC_COMPAT'),
  }),
  /** Control-plane lookups of keys the cache does not know: token buckets, so unknown-key floods stay cheap. */
  authLookups: withEnvName(
    v.object({
      /** Lookups per second for the whole gateway (burst: twice that). */
      rate: envNumber(200, { min: 0.1 }),
      /** Lookups per second for one client address (burst: four times that). */
      perClientRate: withEnvName(envNumber(20, { min: 0.1 }), 'LW_GATEWAY_AUTH_LOOKUP_RATE_PER_CLIENT'),
    }),
    'LW_GATEWAY_AUTH_LOOKUP',
  ),
  authCache: withEnvName(
    v.object({
      softBumpMs: withEnvName(v.optional(envDuration()), 'LW_GATEWAY_AUTH_CACHE_SOFT_BUMP'),
      hardGraceMs: withEnvName(v.optional(envDuration()), 'LW_GATEWAY_AUTH_CACHE_HARD_GRACE'),
      lruSize: envInteger(50_000, { min: 1 }),
      /** Pull every active key from the control plane's `/bootstrap` before `/startupz` turns 200. */
      bootstrapAllKeys: envBoolean(false),
      /** Longest the pull may hold start-up; then the gateway starts with what it has. */
      bootstrapTimeoutMs: withEnvName(envDuration(30_000), 'LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_TIMEOUT'),
    }),
    'LW_GATEWAY_AUTH_CACHE',
  ),
  upstream: withEnvName(
    v.object({
      connectTimeoutMs: withEnvName(envDuration(10_000), 'LW_GATEWAY_UPSTREAM_CONNECT_TIMEOUT'),
      // Time to first byte (response headers), streaming or not: a provider that accepts the
      // connection and never answers is skipped after this (fallback, breaker). Raise it per
      // deployment for non-streaming reasoning models that answer only when done.
      headersTimeoutMs: withEnvName(envDuration(60_000), 'LW_GATEWAY_UPSTREAM_HEADERS_TIMEOUT'),
      // Longest silence between two body chunks, so slow streams are not cut.
      bodyTimeoutMs: withEnvName(envDuration(300_000), 'LW_GATEWAY_UPSTREAM_BODY_TIMEOUT'),
      outboundProxy: withEnvName(v.optional(envUrl()), 'LW_GATEWAY_OUTBOUND_PROXY'),
      /** In ENVIRONMENT=production, let providers resolve to private/loopback addresses (refused by default). */
      allowPrivate: withEnvName(envBoolean(false), 'LW_GATEWAY_UPSTREAM_ALLOW_PRIVATE'),
    }),
    'LW_GATEWAY_UPSTREAM',
  ),
  breaker: withEnvName(
    v.object({
      windowMs: withEnvName(envDuration(30_000), 'LW_GATEWAY_BREAKER_WINDOW'),
      threshold: envInteger(10, { min: 1 }),
      cooldownMs: withEnvName(envDuration(60_000), 'LW_GATEWAY_BREAKER_COOLDOWN'),
    }),
    'LW_GATEWAY_BREAKER',
  ),
  /** Sticky sessions of keys routed by a policy (@gw/routing). */
  routing: withEnvName(
    v.object({
      stickyMaxSessions: envInteger(100_000, { min: 1 }),
      stickyTtlMs: withEnvName(envDuration(3_600_000), 'GATEWAY_ROUTING_STICKY_TTL'),
    }),
    'GATEWAY_ROUTING',
  ),
  guardrails: withEnvName(
    v.object({
      /** Deadline of webhook and control-plane evaluators on the request. */
      preTimeoutMs: withEnvName(envDuration(800, { unit: 'ms' }), 'GATEWAY_GUARDRAILS_PRE_TIMEOUT'),
      /** Deadline on the complete response. */
      postTimeoutMs: withEnvName(envDuration(2_000, { unit: 'ms' }), 'GATEWAY_GUARDRAILS_POST_TIMEOUT'),
      /** Deadline on one stream window. */
      chunkTimeoutMs: withEnvName(envDuration(50, { unit: 'ms' }), 'GATEWAY_GUARDRAILS_CHUNK_TIMEOUT'),
      /** Characters of streamed text held back and checked at a time. */
      streamWindowChars: envInteger(256, { min: 16, max: 65_536 }),
      /** Remote evaluators run on every Nth stream window (local ones on every window). */
      streamRemoteEvery: envInteger(4, { min: 1 }),
    }),
    'GATEWAY_GUARDRAILS',
  ),
  otel: v.object({
    otlpEndpoint: v.optional(envUrl()),
    otlpHeaders: envKeyValues({ secret: true }),
    /** Default 1.0 when ENVIRONMENT=local, else 0.1. */
    sampleRatio: v.optional(envNumber(undefined, { min: 0, max: 1 })),
  }),
  /** Default: LW_GATEWAY_BASE_URL. */
  customerTraceBridgeBaseUrl: withEnvName(v.optional(envUrl()), 'CUSTOMER_TRACE_BRIDGE_BASE_URL'),
  logging: v.object({
    level: withEnvName(envEnum(logLevels, 'info'), 'LOG_LEVEL'),
    messageBody: withEnvName(envBoolean(false), 'LW_LOG_MESSAGE_BODY'),
  }),
  admin: withEnvName(
    v.object({
      /** Unset: no admin listener. */
      addr: v.optional(envString()),
      /** At least 32 characters: a short token is guessable over the admin listener. */
      authToken: envSecret({ minLength: 32 }),
      allowInsecure: withEnvName(envBoolean(false), 'GATEWAY_ALLOW_INSECURE'),
    }),
    'GATEWAY_ADMIN',
  ),
  budgets: withEnvName(
    v.object({
      /** Share of a budget from which responses carry `X-LangWatch-Budget-Warning`. */
      warnRatio: withEnvName(envNumber(0.8, { min: 0.01, max: 1 }), 'GATEWAY_BUDGET_WARN_RATIO'),
      /** Output tokens a spend estimate assumes when the request sets no `max_tokens`. */
      defaultOutputTokens: withEnvName(envInteger(1_024, { min: 0 }), 'GATEWAY_BUDGET_DEFAULT_OUTPUT_TOKENS'),
      /** Spend spool base directory (one subdirectory per process). Default: `<tmpdir>/langwatch-gateway-spool`. */
      spoolDir: withEnvName(v.optional(envString()), 'GATEWAY_SPEND_SPOOL_DIR'),
      spoolMaxBytes: withEnvName(envBytes(256 * MiB, { min: 64 * KiB }), 'GATEWAY_SPEND_SPOOL_MAX_BYTES'),
      /**
       * Spend records are written to the spool in one `write` at most this often (0: once per
       * event-loop turn). A SIGKILL loses at most this window of records; a graceful stop loses none.
       */
      spoolFlushMs: withEnvName(envInteger(50, { min: 0, max: 1_000 }), 'GATEWAY_SPEND_SPOOL_FLUSH_MS'),
      /** A request's admitSpend record is written only if it still runs after this (0: at once). */
      admitDelayMs: withEnvName(envInteger(200, { min: 0, max: 60_000 }), 'GATEWAY_SPEND_ADMIT_DELAY_MS'),
      /**
       * Which requests leave spend records for the control plane's ledger: `budgeted` (keys with at
       * least one budget: what enforcement needs) or `all` (every priced request, for spend reports).
       */
      record: withEnvName(envEnum(['budgeted', 'all'] as const, 'budgeted'), 'GATEWAY_SPEND_RECORD'),
    }),
    'GATEWAY_BUDGET',
  ),
  redis: withEnvName(
    v.object({
      /** `redis://` or `rediss://` URL (a secret: it may hold a password). Unset: counters per process. */
      url: withEnvName(envSecret(), 'GATEWAY_REDIS_URL'),
      /** `local`: fall back to per-process counters while Redis is unreachable; `closed`: refuse with 503. */
      failureMode: withEnvName(envEnum(['local', 'closed'] as const, 'local'), 'GATEWAY_REDIS_FAILURE_MODE'),
    }),
    'GATEWAY_REDIS',
  ),
  responseCache: withEnvName(
    v.object({
      /** Bound on the bytes of all entries of the in-process store (least recently used out first). */
      maxBytes: withEnvName(envBytes(64 * MiB, { min: 0 }), 'GATEWAY_RESPONSE_CACHE_MAX_BYTES'),
      /** Larger answers are served but not stored. */
      maxEntryBytes: withEnvName(
        envBytes(1 * MiB, { min: 1 * KiB }),
        'GATEWAY_RESPONSE_CACHE_MAX_ENTRY_BYTES',
      ),
      /** TTL when the header turns the cache on and no cache rule names one. */
      defaultTtlMs: withEnvName(envDuration(300_000), 'GATEWAY_RESPONSE_CACHE_DEFAULT_TTL'),
      /** Cap on any TTL, a rule's included. */
      maxTtlMs: withEnvName(envDuration(86_400_000), 'GATEWAY_RESPONSE_CACHE_MAX_TTL'),
    }),
    'GATEWAY_RESPONSE_CACHE',
  ),
  startupNetcheck: withEnvName(
    v.object({
      hosts: envList([]),
      timeoutMs: withEnvName(envDuration(2_000), 'GATEWAY_STARTUP_NETCHECK_TIMEOUT'),
    }),
    'GATEWAY_STARTUP_NETCHECK',
  ),
})

/** Legacy names read only while the canonical name is unset (scheduled for removal in v1.2). */
export const gatewayConfigAliases = {
  GATEWAY_LISTEN_ADDR: 'SERVER_ADDR',
  GATEWAY_CONTROL_PLANE_URL: 'LW_GATEWAY_BASE_URL',
  GATEWAY_LOG_LEVEL: 'LOG_LEVEL',
  GATEWAY_OTEL_DEFAULT_ENDPOINT: 'OTEL_OTLP_ENDPOINT',
} as const
