// Maps a control-plane key config (snake_case, loose provider types) to the providers package's RouteConfig.
import type { GatewayKeyConfig, ProviderSlot } from '@gw/contract'
import type { ProviderConfig, ProviderType } from '../spec/provider-config.js'
import type { RouteConfig } from './route-config.js'

/** Provider type names the control planes use, mapped to ours. */
const typeAliases: Readonly<Record<string, ProviderType>> = {
  openai: 'openai',
  azure: 'azure-openai',
  'azure-openai': 'azure-openai',
  azure_openai: 'azure-openai',
  anthropic: 'anthropic',
  'openai-compatible': 'openai-compatible',
  openai_compatible: 'openai-compatible',
  custom: 'openai-compatible',
  gemini: 'gemini',
  google: 'gemini',
  bedrock: 'bedrock',
  vertex: 'vertex',
  vertex_ai: 'vertex',
}

// One converted configuration per slot object. The gateway stores a project's providers once for
// all its keys (bundles from a bootstrap page share them), so the keys of a project get the same
// ProviderConfig objects, and everything memoised per configuration object (the adapter cache's
// credential fingerprint: a canonical JSON and a SHA-256) is done once per project, not per key.
const convertedSlots = new WeakMap<ProviderSlot, ProviderConfig | null>()

function sharedProviderConfig(slot: ProviderSlot): ProviderConfig | undefined {
  let converted = convertedSlots.get(slot)
  if (converted === undefined) {
    converted = providerConfigFromSlot(slot) ?? null
    convertedSlots.set(slot, converted)
  }
  return converted ?? undefined
}

/**
 * Converts one `providers[]` entry. Returns undefined for a type no adapter knows, so the caller
 * can log it and carry on with the others.
 *
 * @example
 * providerConfigFromSlot({ id: 'p1', type: 'azure', credentials: { api_key: 'k', endpoint: 'https://x.openai.azure.com' } })
 * // → { id: 'p1', type: 'azure-openai', … }
 */
export function providerConfigFromSlot(slot: ProviderSlot): ProviderConfig | undefined {
  const type = typeAliases[slot.type.toLowerCase()]
  if (type === undefined) return undefined
  const credentials = slot.credentials
  const base = {
    id: slot.id,
    ...(slot.handle == null ? {} : { handle: slot.handle }),
    ...(slot.base_url == null || slot.base_url === '' ? {} : { baseUrl: slot.base_url }),
    // Control planes send `models: []` for a credential created without a list: that means "no list"
    // (the provider serves its catalogue family), not "serves nothing".
    ...(slot.models == null || slot.models.length === 0 ? {} : { models: slot.models }),
    ...(slot.deployment_map === undefined ? {} : { deploymentMap: slot.deployment_map }),
  }
  const apiKey = credentials.api_key ?? ''
  // LangWatch's control plane may send the region beside the credentials rather than in them.
  const region = credentials.region ?? slot.region ?? ''
  switch (type) {
    case 'openai':
    case 'anthropic':
    case 'gemini':
      return { ...base, type, credentials: { api_key: apiKey } }
    case 'azure-openai':
      return {
        ...base,
        type,
        credentials: {
          api_key: apiKey,
          endpoint: credentials.endpoint ?? slot.base_url ?? '',
          ...(credentials.api_version === undefined ? {} : { api_version: credentials.api_version }),
        },
      }
    case 'openai-compatible':
      return { ...base, type, credentials: credentials.api_key === undefined ? {} : { api_key: apiKey } }
    case 'bedrock':
      return {
        ...base,
        type,
        credentials: {
          access_key: credentials.access_key ?? '',
          secret_key: credentials.secret_key ?? '',
          region,
          ...(credentials.session_token ? { session_token: credentials.session_token } : {}),
        },
      }
    case 'vertex':
      return {
        ...base,
        type,
        credentials: {
          project_id: credentials.project_id ?? '',
          region,
          auth_credentials: credentials.auth_credentials ?? '',
        },
      }
  }
}

/** The routing fields of a key config. */
export type KeyRoutingFields = Pick<
  GatewayKeyConfig,
  'providers' | 'fallback' | 'model_aliases' | 'models_allowed' | 'providers_allowed'
>

/**
 * Builds the {@link RouteConfig} of one key config: providers converted (unknown types
 * skipped), aliases, allowlists and the fallback chain of provider ids.
 *
 * @example
 * const router = createRouter(routeConfigFromKeyConfig(keyConfig))
 */
export function routeConfigFromKeyConfig(config: KeyRoutingFields): RouteConfig {
  const providers: ProviderConfig[] = []
  for (const slot of config.providers) {
    const provider = sharedProviderConfig(slot)
    if (provider !== undefined) providers.push(provider)
  }
  return {
    providers,
    modelAliases: config.model_aliases,
    ...(config.models_allowed === null ? {} : { modelsAllowed: config.models_allowed }),
    providersAllowed: config.providers_allowed,
    fallback: {
      chain: config.fallback.chain,
      ...(config.fallback.max_attempts === null ? {} : { maxAttempts: config.fallback.max_attempts }),
    },
  }
}
