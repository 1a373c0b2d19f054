// Vertex AI endpoints: regional and global origins, publisher model paths, and Anthropic-on-Vertex bodies.

/** Publisher model methods Vertex serves. */
export type VertexMethod =
  | 'generateContent'
  | 'streamGenerateContent'
  | 'countTokens'
  | 'rawPredict'
  | 'streamRawPredict'
  | 'predict'

/** Options of {@link vertexModelPath}. */
export interface VertexModelPathOptions {
  project: string
  /** A region (`us-central1`, `europe-west4`…) or `global`. */
  region: string
  /** `google` for Gemini (generate methods), `anthropic` for Claude (raw predict methods). */
  publisher: 'google' | 'anthropic'
  model: string
  method: VertexMethod
}

/** The `anthropic_version` Vertex requires in Anthropic bodies. */
export const vertexAnthropicVersion = 'vertex-2023-10-16'

const regionPattern = /^[a-z][a-z0-9-]*[a-z0-9]$/

/**
 * The origin for a region: `https://{region}-aiplatform.googleapis.com`, or
 * `https://aiplatform.googleapis.com` for `global`; `baseUrl` (tests, private endpoints) wins.
 * Throws a `TypeError` for a malformed region.
 *
 * @example
 * vertexOrigin('europe-west4') // 'https://europe-west4-aiplatform.googleapis.com'
 */
export function vertexOrigin(region: string, baseUrl?: string): string {
  if (baseUrl !== undefined && baseUrl !== '') return baseUrl.replace(/\/+$/, '')
  if (!regionPattern.test(region))
    throw new TypeError(`"${region}" is not a Google Cloud region name (e.g. us-central1)`)
  return region === 'global'
    ? 'https://aiplatform.googleapis.com'
    : `https://${region}-aiplatform.googleapis.com`
}

/**
 * The path (and query) of a publisher model method; `streamGenerateContent` asks for SSE
 * (`?alt=sse`). Segments are percent-encoded, except `@` of Claude version ids.
 *
 * @example
 * vertexModelPath({ project: 'p', region: 'us-east5', publisher: 'anthropic', model: 'claude-sonnet-4-5@20250929', method: 'streamRawPredict' })
 * // '/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929:streamRawPredict'
 */
export function vertexModelPath(options: VertexModelPathOptions): string {
  const segment = (value: string) => encodeURIComponent(value).replaceAll('%40', '@')
  const path =
    `/v1/projects/${segment(options.project)}/locations/${segment(options.region)}` +
    `/publishers/${options.publisher}/models/${segment(options.model)}:${options.method}`
  return options.method === 'streamGenerateContent' ? `${path}?alt=sse` : path
}

/**
 * An Anthropic Messages body for `rawPredict` / `streamRawPredict`: without `model` (it is in the
 * URL), with `anthropic_version`; `stream` stays (Vertex reads it).
 *
 * @example
 * encodeVertexAnthropicBody({ model: 'claude-sonnet-4-5', max_tokens: 5, messages })
 * // { max_tokens: 5, messages, anthropic_version: 'vertex-2023-10-16' }
 */
export function encodeVertexAnthropicBody(body: Record<string, unknown>): Record<string, unknown> {
  const { model: _model, ...rest } = body
  return { ...rest, anthropic_version: vertexAnthropicVersion }
}
