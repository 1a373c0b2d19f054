// Provider type names on the wire (the contract's) versus in our admin API and database (ours).
import type { ProviderType } from './provider-credential-input.js'

/** Our names whose contract name differs; every other type has the same name on both sides. */
const contractNames: Partial<Record<ProviderType, string>> = {
  'openai-compatible': 'custom',
  'azure-openai': 'azure',
}

/** Contract names the admin API accepts as aliases of ours. */
export const contractProviderTypeAliases = {
  custom: 'openai-compatible',
  azure: 'azure-openai',
} as const satisfies Record<string, ProviderType>

/**
 * The `type` a gateway receives in `providers[]`: the contract's name (`custom` for an
 * OpenAI-compatible endpoint, `azure` for Azure OpenAI), ours otherwise (`mock` has no
 * contract name).
 *
 * @example
 * toWireProviderType('openai-compatible') // → 'custom'
 */
export function toWireProviderType(type: ProviderType): string {
  return contractNames[type] ?? type
}
