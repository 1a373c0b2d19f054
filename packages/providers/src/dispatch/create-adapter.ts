// Builds the adapter of a provider configuration, once per credential.
import { createHash } from 'node:crypto'
import type { Dispatcher } from 'undici'
import { createAnthropicAdapter } from '../anthropic/anthropic-adapter.js'
import { createAzureOpenAIAdapter } from '../azure-openai/azure-openai-adapter.js'
import { createBedrockAdapter } from '../bedrock/bedrock-adapter.js'
import { createGeminiAdapter } from '../gemini/gemini-adapter.js'
import { createOpenAIAdapter } from '../openai/openai-adapter.js'
import { createOpenAICompatibleAdapter } from '../openai-compatible/openai-compatible-adapter.js'
import type { AnyProviderAdapter, ProviderAdapter } from '../spec/provider-adapter.js'
import type {
  AnthropicProviderConfig,
  AzureOpenAIProviderConfig,
  OpenAICompatibleProviderConfig,
  OpenAIProviderConfig,
  ProviderConfig,
} from '../spec/provider-config.js'
import { createVertexAdapter } from '../vertex/vertex-adapter.js'

/** What adapters may need besides their configuration. */
export interface AdapterOptions {
  /** Dispatcher per origin for calls adapters make themselves (Vertex token refresh). Default: undici's global one. */
  dispatcherFor?: (origin: string) => Dispatcher
  /** Clock in ms for SigV4 dates and token expiry. Default `Date.now`. */
  now?: () => number
}

/**
 * Creates the adapter for `config`. Throws `no_provider_configured` when the configuration cannot
 * work (no base URL for a compatible server, missing cloud credentials, a malformed region or
 * service-account key); the dispatcher then skips the candidate.
 *
 * @example
 * createAdapter({ id: 'gemini', type: 'gemini', credentials: { api_key: 'AIza…' } })
 */
export function createAdapter(
  config:
    | OpenAIProviderConfig
    | AzureOpenAIProviderConfig
    | AnthropicProviderConfig
    | OpenAICompatibleProviderConfig,
  options?: AdapterOptions,
): ProviderAdapter
export function createAdapter(config: ProviderConfig, options?: AdapterOptions): AnyProviderAdapter
export function createAdapter(config: ProviderConfig, options: AdapterOptions = {}): AnyProviderAdapter {
  switch (config.type) {
    case 'openai':
      return createOpenAIAdapter(config)
    case 'azure-openai':
      return createAzureOpenAIAdapter(config)
    case 'anthropic':
      return createAnthropicAdapter(config)
    case 'openai-compatible':
      return createOpenAICompatibleAdapter(config)
    case 'gemini':
      return createGeminiAdapter(config)
    case 'bedrock':
      return createBedrockAdapter(config, options.now === undefined ? {} : { now: options.now })
    case 'vertex':
      return createVertexAdapter(config, options)
  }
}

/** Options of {@link createAdapterCache}. */
export interface AdapterCacheOptions extends AdapterOptions {
  /** Credentials kept at once (least recently built dropped first). Default 1024. */
  maxCredentials?: number
}

/**
 * Memoises {@link createAdapter} per credential: configurations with the same provider id and the
 * same contents (credentials, base URL, models…) share one adapter, so every key that uses a
 * Vertex service account shares one token cache and a Bedrock credential one SigV4 signer, and a
 * config refresh that hands out new but equal configuration objects builds nothing. A changed
 * credential (rotation, new region) has other contents and gets a new adapter. The fingerprint is
 * computed once per configuration object (a WeakMap in front), never per request.
 *
 * @example
 * const adapterFor = createAdapterCache()
 * adapterFor(keyA.providers[0]) === adapterFor(keyB.providers[0]) // true when both hold the same credential
 */
export function createAdapterCache(
  options: AdapterCacheOptions = {},
): (config: ProviderConfig) => AnyProviderAdapter {
  const { maxCredentials = 1024, ...adapterOptions } = options
  const byObject = new WeakMap<ProviderConfig, AnyProviderAdapter>()
  const byCredential = new Map<string, AnyProviderAdapter>()
  return (config) => {
    let adapter = byObject.get(config)
    if (adapter !== undefined) return adapter
    const fingerprint = credentialFingerprint(config)
    adapter = byCredential.get(fingerprint)
    if (adapter === undefined) {
      adapter = createAdapter(config, adapterOptions)
      if (byCredential.size >= maxCredentials) {
        const oldest = byCredential.keys().next().value
        if (oldest !== undefined) byCredential.delete(oldest)
      }
      byCredential.set(fingerprint, adapter)
    }
    byObject.set(config, adapter)
    return adapter
  }
}

// Provider id + a digest of everything the adapter is built from (secrets only as a digest).
function credentialFingerprint(config: ProviderConfig): string {
  const digest = createHash('sha256').update(stableJson(config)).digest('base64url')
  return `${config.id}:${digest}`
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined'
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).sort()
  return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson(record[key])}`).join(',')}}`
}
