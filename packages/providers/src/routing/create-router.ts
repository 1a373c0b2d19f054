// Model resolution: alias → provider/model → bare model by provider lists and catalogue; then allowlists and chain.
import { GatewayError } from '@gw/contract'
import { builtInPrices } from '../catalog/model-prices.js'
import type { Candidate } from '../dispatch/dispatch-types.js'
import type { ProviderConfig } from '../spec/provider-config.js'
import { boundedMemo } from '../utils/bounded-memo.js'
import { providerName } from '../utils/provider-name.js'
import { modelFamilyOf } from './model-family.js'
import { compileModelGlobs } from './model-globs.js'
import type { FallbackEntry, RouteConfig, RoutePlan } from './route-config.js'

/** Resolves requested model names to candidate chains; built once per configuration. */
export interface Router {
  /**
   * Throws `model_not_found` (404, as providers answer an unknown model), `model_not_allowed` or
   * `no_provider_configured` (400).
   */
  resolve(model: string): RoutePlan
  /**
   * The models this configuration may use, each with the provider id that serves it: every
   * provider's `models` list (or, without one, the catalogue models of its family), filtered by
   * the same allowlists as {@link Router.resolve}, then the aliases that resolve.
   */
  listModels(): RouterModel[]
}

/** One model a configuration may use (see {@link Router.listModels}). */
export interface RouterModel {
  id: string
  /** The provider id that serves it, or `alias` for a model alias. */
  ownedBy: string
}

const maxMemoised = 512
const catalogueModels = Object.keys(builtInPrices)

function keysOf(provider: ProviderConfig): string[] {
  return provider.handle === undefined
    ? [provider.id, provider.type]
    : [provider.id, provider.handle, provider.type]
}

/**
 * Compiles a {@link RouteConfig} (globs, lookups) once and returns a memoising resolver.
 * Resolution: an alias from `modelAliases` is replaced by its target; `provider/model` picks the
 * provider by id, then handle, then type; a bare model goes to the first provider listing it in
 * `models`, else to the first provider of its catalogue family (`claude-*` → anthropic…), else
 * to an OpenAI-compatible provider without a model list. The fallback chain follows the primary.
 *
 * @example
 * const router = createRouter({ providers, modelAliases: { fast: 'openai/gpt-4o-mini' }, modelsAllowed: ['gpt-4o*'] })
 * router.resolve('fast').candidates // → [{ provider: <openai>, model: 'gpt-4o-mini' }, …]
 */
export function createRouter(config: RouteConfig): Router {
  const providers = config.providers
  const aliases = config.modelAliases ?? {}
  const allowedModel = compileModelGlobs(config.modelsAllowed)
  const allowedProviders = config.providersAllowed == null ? undefined : new Set(config.providersAllowed)
  const chain = (config.fallback?.chain ?? []).map((entry: FallbackEntry) =>
    typeof entry === 'string' ? { provider: entry, model: undefined } : entry,
  )
  const maxAttempts = config.fallback?.maxAttempts

  const findProvider = (key: string): ProviderConfig | undefined =>
    providers.find((p) => p.id === key) ??
    providers.find((p) => p.handle === key) ??
    providers.find((p) => p.type === key)
  const servesModel = (provider: ProviderConfig, model: string): boolean => {
    if (provider.models !== undefined) return provider.models.includes(model)
    const family = modelFamilyOf(model)
    return family === undefined ? provider.type === 'openai-compatible' : family.types.includes(provider.type)
  }
  const isProviderAllowed = (provider: ProviderConfig): boolean =>
    allowedProviders === undefined || keysOf(provider).some((key) => allowedProviders.has(key))

  const resolvePrimary = (requested: string, target: string): Candidate => {
    const slash = target.indexOf('/')
    if (slash > 0) {
      const provider = findProvider(target.slice(0, slash))
      if (provider !== undefined) return { provider, model: target.slice(slash + 1) }
    }
    const listed = providers.find((p) => p.models?.includes(target))
    if (listed !== undefined) return { provider: listed, model: target }
    const family = modelFamilyOf(target)
    if (family !== undefined) {
      for (const type of family.types) {
        const provider = providers.find((p) => p.type === type)
        if (provider !== undefined) return { provider, model: target }
      }
      throw new GatewayError(
        'model_not_found',
        `Model "${requested}" needs a ${family.types.join(' or ')} provider, and none is configured for this key: ` +
          'add one, or name another provider as "provider/model"',
        { meta: { model: requested, provider_types: family.types } },
      )
    }
    const compatible = providers.find((p) => p.type === 'openai-compatible' && p.models === undefined)
    if (compatible !== undefined) return { provider: compatible, model: target }
    const configured = providers.map(providerName).join(', ') || 'none'
    throw new GatewayError(
      'model_not_found',
      `Model "${requested}" is not recognised: use "provider/model" (configured providers: ${configured}), ` +
        "or add the model to a provider's models list",
      { meta: { model: requested } },
    )
  }

  const checkAllowed = (requested: string, target: string, primary: Candidate): void => {
    if (allowedModel === undefined) return
    const names = [
      requested,
      target,
      primary.model,
      ...keysOf(primary.provider).map((k) => `${k}/${primary.model}`),
    ]
    if (names.some(allowedModel)) return
    throw new GatewayError(
      'model_not_allowed',
      `Model "${requested}" is not allowed for this key (models_allowed: ${config.modelsAllowed?.join(', ')}): ` +
        'use an allowed model or ask an admin to allow this one',
      { meta: { model: requested } },
    )
  }

  const buildPlan = (requested: string): RoutePlan => {
    const target = aliases[requested] ?? requested
    const primary = resolvePrimary(requested, target)
    checkAllowed(requested, target, primary)
    const candidates: Candidate[] = [primary]
    for (const entry of chain) {
      const provider = findProvider(entry.provider)
      if (provider === undefined) continue
      const model =
        entry.model ?? (servesModel(provider, primary.model) ? primary.model : provider.models?.[0])
      if (model === undefined) continue
      if (candidates.some((c) => c.provider === provider && c.model === model)) continue
      candidates.push({ provider, model })
    }
    const allowed = candidates.filter((candidate) => isProviderAllowed(candidate.provider))
    if (allowed.length === 0) {
      throw new GatewayError(
        'no_provider_configured',
        `Model "${requested}" resolves to provider "${providerName(primary.provider)}", which is not in this key's ` +
          `providers_allowed (${config.providersAllowed?.join(', ')}): allow it or pick another model`,
        { meta: { model: requested, provider: providerName(primary.provider) } },
      )
    }
    return { requestedModel: requested, candidates: allowed, maxAttempts }
  }

  const planFor = boundedMemo(maxMemoised, buildPlan)

  const resolve = (model: string): RoutePlan => {
    if (model === '') throw new GatewayError('bad_request', 'The request names no model: set "model"')
    return planFor(model)
  }

  const listModels = (): RouterModel[] => {
    const seen = new Map<string, RouterModel>()
    for (const provider of providers) {
      if (!isProviderAllowed(provider)) continue
      const names = keysOf(provider)
      const models =
        provider.models ??
        catalogueModels.filter((model) => modelFamilyOf(model)?.types.includes(provider.type))
      for (const model of models) {
        if (seen.has(model)) continue
        if (
          allowedModel === undefined ||
          allowedModel(model) ||
          names.some((name) => allowedModel(`${name}/${model}`))
        )
          seen.set(model, { id: model, ownedBy: provider.id })
      }
    }
    for (const alias of Object.keys(aliases)) {
      if (seen.has(alias)) continue
      try {
        resolve(alias)
        seen.set(alias, { id: alias, ownedBy: 'alias' })
      } catch {
        // An alias that would not route (not allowed, no provider) is not listed.
      }
    }
    return [...seen.values()]
  }

  return { resolve, listModels }
}
