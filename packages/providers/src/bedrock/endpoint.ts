// Bedrock Runtime origins and model paths (model ids percent-encoded the way AWS SDKs encode them).

/** Bedrock Runtime operations on a model. */
export type BedrockOperation =
  | 'converse'
  | 'converse-stream'
  | 'invoke'
  | 'invoke-with-response-stream'
  | 'count-tokens'

const regionPattern = /^[a-z]{2}(?:-[a-z]+)+-\d+$/

/**
 * The Bedrock Runtime origin of a region, or `baseUrl` (tests, VPC endpoints, proxies) without its
 * trailing slash. Throws a `TypeError` for a malformed region, so a bad configuration fails when
 * the adapter is built rather than as a DNS error per request.
 *
 * @example
 * bedrockRuntimeOrigin('eu-west-3') // 'https://bedrock-runtime.eu-west-3.amazonaws.com'
 */
export function bedrockRuntimeOrigin(region: string, baseUrl?: string): string {
  if (baseUrl !== undefined && baseUrl !== '') return baseUrl.replace(/\/+$/, '')
  if (!regionPattern.test(region))
    throw new TypeError(`"${region}" is not an AWS region name (e.g. us-east-1)`)
  return `https://bedrock-runtime.${region}.amazonaws.com`
}

/**
 * Percent-encodes a model id, inference-profile id or ARN for the URL path: every character but
 * `A-Z a-z 0-9 - _ . ~` (so `:` → `%3A`, `/` → `%2F`), as AWS SDKs do.
 *
 * @example
 * encodeBedrockModelId('us.anthropic.claude-3-7-sonnet-20250219-v1:0') // 'us.anthropic.claude-3-7-sonnet-20250219-v1%3A0'
 */
export function encodeBedrockModelId(modelId: string): string {
  return encodeURIComponent(modelId).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/**
 * The path of an operation on a model.
 *
 * @example
 * bedrockModelPath('anthropic.claude-3-haiku-20240307-v1:0', 'converse-stream')
 * // '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream'
 */
export function bedrockModelPath(modelId: string, operation: BedrockOperation): string {
  return `/model/${encodeBedrockModelId(modelId)}/${operation}`
}
