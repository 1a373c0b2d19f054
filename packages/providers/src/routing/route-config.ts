// The routing part of a key's configuration, in the control plane's terms (camelCased).
import type { Candidate } from '../dispatch/dispatch-types.js'
import type { ProviderConfig } from '../spec/provider-config.js'

/**
 * One fallback chain entry: a provider id (or handle), optionally with the model to ask it for.
 * A bare string means "this provider, same model if it serves it, else its first listed model".
 *
 * @example
 * const chain: FallbackEntry[] = ['azure-eu', { provider: 'anthropic', model: 'claude-sonnet-4-5' }]
 */
export type FallbackEntry = string | { provider: string; model?: string }

/** Routing settings of one virtual key (or of a standalone client). */
export interface RouteConfig {
  providers: readonly ProviderConfig[]
  /** Alias → `provider/model` or bare model (`model_aliases`). */
  modelAliases?: Readonly<Record<string, string>>
  /** Globs over requested, resolved and `provider/model` names; empty or absent: any (`models_allowed`). */
  modelsAllowed?: readonly string[]
  /** Provider ids, handles or types this key may use; null or absent: all (`providers_allowed`). */
  providersAllowed?: readonly string[] | null
  fallback?: {
    /** Candidates after the primary, in order (`fallback.chain`). */
    chain?: readonly FallbackEntry[]
    /** Cap on upstream calls per request, retries included (`fallback.max_attempts`). */
    maxAttempts?: number
  }
}

/** The outcome of resolving one requested model. */
export interface RoutePlan {
  requestedModel: string
  /** Primary candidate first, then the fallback chain. */
  candidates: readonly Candidate[]
  maxAttempts: number | undefined
}
