// Admin input for provider credentials: the types we accept and the credential fields each one needs.
import { priceOverridesSchema } from '@gw/contract'
import * as v from 'valibot'
import { contractProviderTypeAliases } from './wire-provider-type.js'

/** Provider types a credential can have (`mock` is the built-in mock provider, for demos and tests). */
export const providerTypes = [
  'openai',
  'azure-openai',
  'anthropic',
  'openai-compatible',
  'gemini',
  'bedrock',
  'vertex',
  'mock',
] as const
export type ProviderType = (typeof providerTypes)[number]

const text = v.pipe(v.string(), v.minLength(1))

const aliasNames = Object.keys(contractProviderTypeAliases) as (keyof typeof contractProviderTypeAliases)[]
const isAlias = (type: string): type is keyof typeof contractProviderTypeAliases =>
  Object.hasOwn(contractProviderTypeAliases, type)

/** Credential fields per type; every other field is rejected so typos surface. */
export const credentialSchemas = {
  openai: v.strictObject({ api_key: text }),
  anthropic: v.strictObject({ api_key: text }),
  gemini: v.strictObject({ api_key: text }),
  'openai-compatible': v.strictObject({ api_key: v.optional(text) }),
  'azure-openai': v.strictObject({ api_key: text, endpoint: v.pipe(text, v.url()), api_version: text }),
  bedrock: v.strictObject({
    access_key: text,
    secret_key: text,
    session_token: v.optional(text),
    region: text,
  }),
  vertex: v.strictObject({
    project_id: text,
    region: text,
    auth_credentials: v.union([text, v.record(v.string(), v.unknown())]),
  }),
  mock: v.strictObject({ api_key: v.optional(text) }),
} as const satisfies Record<ProviderType, v.GenericSchema>

/** Fields that are secret and therefore shown masked. */
export const secretCredentialFields: ReadonlySet<string> = new Set([
  'api_key',
  'access_key',
  'secret_key',
  'session_token',
  'auth_credentials',
])

const name = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'must be 1-63 lowercase letters, digits, ".", "_" or "-"'),
)
const models = v.array(text)
const deploymentMap = v.record(text, text)
const baseUrl = v.nullable(v.pipe(v.string(), v.url()))

/** Body of `POST /api/admin/provider-credentials`; `credentials` is checked per type afterwards. */
export const createProviderCredentialSchema = v.strictObject({
  project_id: text,
  /** One of {@link providerTypes}, or a contract name (`custom`, `azure`) stored as ours. */
  type: v.pipe(
    v.picklist([...providerTypes, ...aliasNames]),
    v.transform((type): ProviderType => (isAlias(type) ? contractProviderTypeAliases[type] : type)),
  ),
  /** Unique in the project; sent to gateways as the provider `handle`. */
  name,
  credentials: v.optional(v.record(v.string(), v.unknown()), () => ({})),
  base_url: v.optional(baseUrl, null),
  deployment_map: v.optional(v.nullable(deploymentMap), null),
  models: v.optional(models, () => []),
  /** Model → micro-USD per million tokens, used over the catalogue for this credential; null → none. */
  price_overrides: v.optional(v.nullable(priceOverridesSchema), null),
})

/** Body of `PATCH /api/admin/provider-credentials/:id`: given fields replace stored ones. */
export const updateProviderCredentialSchema = v.strictObject({
  name: v.optional(name),
  credentials: v.optional(v.record(v.string(), v.unknown())),
  base_url: v.optional(baseUrl),
  deployment_map: v.optional(v.nullable(deploymentMap)),
  models: v.optional(models),
  price_overrides: v.optional(v.nullable(priceOverridesSchema)),
})

export type CreateProviderCredentialInput = v.InferOutput<typeof createProviderCredentialSchema>
export type UpdateProviderCredentialInput = v.InferOutput<typeof updateProviderCredentialSchema>
