// Which provider types serve a bare model name, judged by the catalogue's name prefixes.
import type { ProviderType } from '../spec/provider-config.js'

/** A model family: its name pattern and the provider types that serve it, preferred first. */
interface ModelFamily {
  name: string
  pattern: RegExp
  types: readonly ProviderType[]
}

const families: readonly ModelFamily[] = [
  // Bedrock model ids: `vendor.model`, optionally behind a cross-region inference profile prefix.
  {
    name: 'bedrock',
    pattern:
      /^(?:(?:us|eu|apac|jp|au|ca|us-gov|global)\.)?(?:anthropic|amazon|cohere|meta|mistral|ai21|deepseek|writer|qwen|openai)\.[a-z0-9]/,
    types: ['bedrock'],
  },
  { name: 'anthropic', pattern: /^claude-/, types: ['anthropic', 'vertex'] },
  {
    name: 'openai',
    pattern: /^(?:gpt-|o1|o3|o4|chatgpt-|text-embedding-)/,
    types: ['openai', 'azure-openai'],
  },
  { name: 'gemini', pattern: /^gemini-/, types: ['gemini', 'vertex'] },
]

/**
 * The family of a bare model name (`claude-*` → anthropic or vertex; `gpt-*`, `o1*`, `o3*`, `o4*`,
 * `chatgpt-*`, `text-embedding-*` → openai or azure-openai; `gemini-*` → gemini or vertex;
 * Bedrock ids such as `anthropic.claude-…`, `us.anthropic.claude-…`, `amazon.titan-…`,
 * `cohere.embed-…` → bedrock).
 *
 * @example
 * modelFamilyOf('claude-sonnet-4-5')?.types // → ['anthropic']
 */
export function modelFamilyOf(model: string): { name: string; types: readonly ProviderType[] } | undefined {
  for (const family of families) if (family.pattern.test(model)) return family
  return undefined
}
