// One provider entry of a key's config (GET /config/:vk_id → providers[]), credentials per type.
import * as v from 'valibot'
import { priceOverridesSchema } from './price-overrides.js'

/** OpenAI, Anthropic, Gemini and other API-key providers. */
export interface ApiKeyCredentials {
  api_key: string
}
/** Azure OpenAI. */
export interface AzureCredentials {
  api_key: string
  endpoint: string
  api_version: string
}
/** AWS Bedrock. */
export interface BedrockCredentials {
  access_key: string
  secret_key: string
  session_token?: string
  region: string
}
/** Google Vertex AI; `auth_credentials` is the service-account JSON (string or object). */
export interface VertexCredentials {
  project_id: string
  region: string
  auth_credentials: string | Record<string, unknown>
}

/**
 * Credentials as received: every known field optional (which ones are present depends on the
 * provider `type`, see the interfaces above), and unknown fields kept for adapters that need them.
 */
export const providerCredentialsSchema = v.looseObject({
  api_key: v.optional(v.string()),
  endpoint: v.optional(v.string()),
  api_version: v.optional(v.string()),
  access_key: v.optional(v.string()),
  secret_key: v.optional(v.string()),
  session_token: v.optional(v.string()),
  region: v.optional(v.string()),
  project_id: v.optional(v.string()),
  auth_credentials: v.optional(v.union([v.string(), v.record(v.string(), v.unknown())])),
})

export type ProviderCredentials = v.InferOutput<typeof providerCredentialsSchema>

/** Schema of one `providers[]` entry. */
export const providerSlotSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  /** Provider type: `openai`, `anthropic`, `gemini`, `azure`, `bedrock`, `vertex`, … */
  type: v.pipe(v.string(), v.minLength(1)),
  credentials: v.optional(providerCredentialsSchema, () => ({})),
  base_url: v.optional(v.nullable(v.string())),
  /** Azure: model name → deployment name. */
  deployment_map: v.optional(v.record(v.string(), v.string())),
  handle: v.optional(v.nullable(v.string())),
  models: v.optional(v.nullable(v.array(v.string()))),
  /** Sent by LangWatch's control plane: slot name, region and free-form adapter config. */
  slot: v.optional(v.string()),
  region: v.optional(v.string()),
  config: v.optional(v.record(v.string(), v.unknown())),
  /** Ours: this credential's prices per model, over the catalogue (estimate and settle). */
  price_overrides: v.optional(priceOverridesSchema),
})

export type ProviderSlot = v.InferOutput<typeof providerSlotSchema>
