// The provider configuration an adapter is built from: mirrors the control plane's `providers[]` entry.

/** Every provider type a configuration may name. */
export type ProviderType =
  | 'openai'
  | 'azure-openai'
  | 'anthropic'
  | 'openai-compatible'
  | 'gemini'
  | 'bedrock'
  | 'vertex'

/** Credentials of a provider reached with one API key (OpenAI, Anthropic, Gemini, compatible servers). */
export interface ApiKeyCredentials {
  api_key: string
}

/** Azure OpenAI credentials: the resource endpoint, its key and the `api-version` to call. */
export interface AzureOpenAICredentials {
  api_key: string
  /** `https://<resource>.openai.azure.com`. */
  endpoint: string
  /** Defaults to {@link defaultAzureApiVersion}. */
  api_version?: string
}

/** AWS Bedrock credentials: a long-term key pair, or temporary ones with their session token. */
export interface BedrockCredentials {
  access_key: string
  secret_key: string
  session_token?: string
  /** `us-east-1`…: the Bedrock Runtime endpoint and the SigV4 scope. */
  region: string
}

/** Google Vertex AI credentials. */
export interface VertexCredentials {
  project_id: string
  /** `us-central1`, `us-east5`…, or `global`. */
  region: string
  /** The service-account key file (JSON text or parsed); its `token_uri` is where tokens come from. */
  auth_credentials: string | Record<string, unknown>
}

interface ProviderConfigBase {
  /** Stable id of this credential: breakers, `X-LangWatch-Provider` and `provider/model` use it. */
  id: string
  /** Optional human handle usable as the `provider/` prefix of a model name. */
  handle?: string
  /** Overrides the provider's default origin (and base path for OpenAI-wire providers). */
  baseUrl?: string
  /** Models this provider serves; bare model names are matched against it first. */
  models?: readonly string[]
  /** Model name → deployment name (Azure) or provider model id (Bedrock, Vertex); absent models map to themselves. */
  deploymentMap?: Readonly<Record<string, string>>
  /**
   * Time to first byte (response headers) for this provider, streaming or not; past it the call
   * is a timeout (fallback, breaker). Default: the client's `timeouts.headersMs` (60 s).
   */
  firstByteTimeoutMs?: number
}

/** OpenAI: `baseUrl` defaults to `https://api.openai.com/v1` and includes the `/v1` prefix. */
export interface OpenAIProviderConfig extends ProviderConfigBase {
  type: 'openai'
  credentials: ApiKeyCredentials
}

/** Azure OpenAI: `baseUrl`, when set, replaces `credentials.endpoint`. */
export interface AzureOpenAIProviderConfig extends ProviderConfigBase {
  type: 'azure-openai'
  credentials: AzureOpenAICredentials
}

/** Anthropic: `baseUrl` defaults to `https://api.anthropic.com` and excludes `/v1`, like Anthropic's SDK. */
export interface AnthropicProviderConfig extends ProviderConfigBase {
  type: 'anthropic'
  credentials: ApiKeyCredentials
}

/** Any server speaking the OpenAI wire (vLLM, Ollama, LiteLLM…): `baseUrl` is required, key optional. */
export interface OpenAICompatibleProviderConfig extends ProviderConfigBase {
  type: 'openai-compatible'
  credentials: Partial<ApiKeyCredentials>
}

/** Gemini API (Google AI Studio): `baseUrl` defaults to `https://generativelanguage.googleapis.com`. */
export interface GeminiProviderConfig extends ProviderConfigBase {
  type: 'gemini'
  credentials: ApiKeyCredentials
}

/**
 * AWS Bedrock Runtime: `baseUrl` replaces `https://bedrock-runtime.<region>.amazonaws.com` (VPC
 * endpoints, proxies, tests); `deploymentMap` may map client model names to Bedrock model or
 * inference-profile ids.
 */
export interface BedrockProviderConfig extends ProviderConfigBase {
  type: 'bedrock'
  credentials: BedrockCredentials
}

/**
 * Google Vertex AI: `baseUrl` replaces `https://<region>-aiplatform.googleapis.com`;
 * `deploymentMap` may map client model names to Vertex model ids (`claude-sonnet-4-5@20250929`).
 */
export interface VertexProviderConfig extends ProviderConfigBase {
  type: 'vertex'
  credentials: VertexCredentials
}

/**
 * One configured provider credential.
 *
 * @example
 * const openai: ProviderConfig = { id: 'openai-prod', type: 'openai', credentials: { api_key: 'sk-…' } }
 */
export type ProviderConfig =
  | OpenAIProviderConfig
  | AzureOpenAIProviderConfig
  | AnthropicProviderConfig
  | OpenAICompatibleProviderConfig
  | GeminiProviderConfig
  | BedrockProviderConfig
  | VertexProviderConfig

/** Azure `api-version` used when the credentials name none (a GA version). */
export const defaultAzureApiVersion = '2024-10-21'
