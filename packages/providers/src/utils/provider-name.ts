// How messages name a provider credential: its handle, never an internal id when it has one.
import type { ProviderConfig } from '../spec/provider-config.js'

/**
 * The name of `provider` in error messages and their `meta`: the handle users gave it, else its id
 * (control-plane ids like `mp_…` mean nothing to a client).
 *
 * @example
 * providerName({ id: 'mp_01HZX', handle: 'openai-team', type: 'openai', credentials: {} }) // 'openai-team'
 */
export function providerName(provider: Pick<ProviderConfig, 'id' | 'handle'>): string {
  return provider.handle ?? provider.id
}
