// Which provider types serve a bare model name, judged by the catalogue's name prefixes.
import type { ProviderType } from '../spec/provider-config.js'

/** A model family: its name pattern and the provider types that serve it, preferred first. */
interface ModelFamily {
  name: string
  pattern: RegExp
  types: readonly ProviderType[]
}

const families: readonly ModelFamily[] = [
  { name: 'anthropic', pattern: /^claude-/, types: ['anthropic'] },
  {
    name: 'openai',
    pattern: /^(?:gpt-|o1|o3|o4|chatgpt-|text-embedding-)/,
    types: ['openai', 'azure-openai'],
  },
  { name: 'gemini', pattern: /^gemini-/, types: ['gemini', 'vertex'] },
]

/**
 * The family of a bare model name (`claude-*` → anthropic; `gpt-*`, `o1*`, `o3*`, `o4*`,
 * `chatgpt-*`, `text-embedding-*` → openai or azure-openai; `gemini-*` → gemini or vertex).
 *
 * @example
 * modelFamilyOf('claude-sonnet-4-5')?.types // → ['anthropic']
 */
export function modelFamilyOf(model: string): { name: string; types: readonly ProviderType[] } | undefined {
  for (const family of families) if (family.pattern.test(model)) return family
  return undefined
}
