// GET /v1/models: the models a key may use, in OpenAI's list shape (or Anthropic's for its SDKs).
import type { GatewayKeyConfig } from '@gw/contract'
import {
  builtInPrices,
  compileModelGlobs,
  modelFamilyOf,
  providerConfigFromSlot,
  type Router,
} from '@gw/providers'
import { routerForKey } from './router-for-key.js'

/** One model a key may use, and the provider id that serves it. */
export interface KeyModel {
  id: string
  ownedBy: string
}

const catalogueModels = Object.keys(builtInPrices)

/**
 * Lists the key's models: each provider's `models` list, or for a provider without one the
 * catalogue models of its family; then the key's aliases. `models_allowed` and
 * `providers_allowed` filter the list the same way routing does.
 *
 * @example
 * listKeyModels(key.config) // [{ id: 'gpt-4o-mini', ownedBy: 'openai-prod' }, …]
 */
export function listKeyModels(config: GatewayKeyConfig): KeyModel[] {
  const glob = compileModelGlobs(config.models_allowed ?? undefined)
  const providersAllowed = config.providers_allowed
  const seen = new Map<string, KeyModel>()
  for (const slot of config.providers) {
    const provider = providerConfigFromSlot(slot)
    if (provider === undefined) continue
    // Routing matches both allowlists against the id, the handle and the type of a provider.
    const names = [provider.id, provider.handle, provider.type].filter((name) => name !== undefined)
    if (providersAllowed != null && !names.some((name) => providersAllowed.includes(name))) continue
    const models =
      provider.models ??
      catalogueModels.filter((model) => modelFamilyOf(model)?.types.includes(provider.type))
    for (const model of models) {
      if (seen.has(model)) continue
      if (glob === undefined || glob(model) || names.some((name) => glob(`${name}/${model}`)))
        seen.set(model, { id: model, ownedBy: provider.id })
    }
  }
  const router = routerForKey(config)
  for (const alias of Object.keys(config.model_aliases ?? {})) {
    if (!seen.has(alias) && isRouted(router, alias)) seen.set(alias, { id: alias, ownedBy: 'alias' })
  }
  return [...seen.values()]
}

// An alias is listed when a request naming it would be routed: allowed, to a configured provider.
function isRouted(router: Router, model: string): boolean {
  try {
    router.resolve(model)
    return true
  } catch {
    return false
  }
}

/** OpenAI's `GET /v1/models` body. */
export function toOpenAIModelList(models: readonly KeyModel[], createdSeconds: number) {
  return {
    object: 'list',
    data: models.map((model) => ({
      id: model.id,
      object: 'model',
      created: createdSeconds,
      owned_by: model.ownedBy,
    })),
  }
}

/** Anthropic's `GET /v1/models` body (asked for by clients that send `anthropic-version`). */
export function toAnthropicModelList(models: readonly KeyModel[], createdAt: string) {
  const data = models.map((model) => ({
    type: 'model',
    id: model.id,
    display_name: model.id,
    created_at: createdAt,
  }))
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null }
}
