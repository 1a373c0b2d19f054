// Reads Bedrock model ids: foundation models, cross-region inference profiles and ARNs.

// `anthropic.` after the start, a profile prefix (`us.`, `eu.`, `apac.`, `global.`) or an ARN's `/`.
const anthropicModelPattern = /(?:^|[./])anthropic\./

/**
 * Whether a Bedrock model id names an Anthropic model, directly, through a cross-region inference
 * profile or in an ARN, so Anthropic Messages clients can use InvokeModel with Anthropic bodies.
 *
 * @example
 * isBedrockAnthropicModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0') // true
 * isBedrockAnthropicModel('amazon.nova-pro-v1:0') // false
 */
export function isBedrockAnthropicModel(modelId: string): boolean {
  return anthropicModelPattern.test(modelId)
}
