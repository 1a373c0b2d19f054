// GET /v1/models: the models a key may use, in OpenAI's list shape (or Anthropic's for its SDKs).
import type { RouterModel } from '@gw/providers'

/** OpenAI's `GET /v1/models` body. */
export function toOpenAIModelList(models: readonly RouterModel[], createdSeconds: number) {
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
export function toAnthropicModelList(models: readonly RouterModel[], createdAt: string) {
  const data = models.map((model) => ({
    type: 'model',
    id: model.id,
    display_name: model.id,
    created_at: createdAt,
  }))
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null }
}
