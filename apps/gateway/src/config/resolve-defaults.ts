// Defaults that depend on another variable (ENVIRONMENT, LW_GATEWAY_BASE_URL, the host name).

/** The `environment` value that selects laptop defaults. */
export const localEnvironment = 'local'

/**
 * Pre-drain wait: 5 s lets load balancers drop the pod before it stops accepting; on a laptop
 * (ENVIRONMENT=local) there is no load balancer, so Ctrl-C should not wait.
 *
 * @example
 * resolveDrainDelayMs({ environment: 'prod', server: { drainDelayMs: undefined } }) // 5000
 */
export function resolveDrainDelayMs(config: {
  environment: string
  server: { drainDelayMs?: number | undefined }
}): number {
  return config.server.drainDelayMs ?? (config.environment === localEnvironment ? 0 : 5_000)
}

/**
 * Trace sampling: everything locally, 10 % elsewhere (spec/configuration.txt).
 *
 * @example
 * resolveSampleRatio({ environment: 'local', otel: {} }) // 1
 */
export function resolveSampleRatio(config: {
  environment: string
  otel: { sampleRatio?: number | undefined }
}): number {
  return config.otel.sampleRatio ?? (config.environment === localEnvironment ? 1 : 0.1)
}
