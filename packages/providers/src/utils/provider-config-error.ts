// The error of a provider configuration that cannot work (missing credential field, bad region).
import { GatewayError } from '@gw/contract'
import type { ProviderConfig } from '../spec/provider-config.js'
import { providerName } from './provider-name.js'

/**
 * A `no_provider_configured` error naming the provider and what to fix (never a secret). Thrown
 * when the adapter is built, so a broken credential is skipped like an unusable candidate.
 *
 * @example
 * throw providerConfigError(config, 'has no region: set credentials.region (e.g. us-east-1)')
 */
export function providerConfigError(config: ProviderConfig, problem: string, cause?: unknown): GatewayError {
  return new GatewayError(
    'no_provider_configured',
    `Provider "${providerName(config)}" (${config.type}) ${problem}`,
    {
      meta: { provider: providerName(config) },
      ...(cause === undefined ? {} : { cause }),
    },
  )
}
