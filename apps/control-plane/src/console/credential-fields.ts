// Reads a provider credential form into the admin API's body (secrets are write-only: blank keeps the stored one).
import { field, lines } from './admin-pages.js'

/** The provider types the admin API accepts (the form's choices). */
export const consoleProviderTypes = [
  'openai',
  'anthropic',
  'azure-openai',
  'openai-compatible',
  'gemini',
  'bedrock',
  'vertex',
  'mock',
] as const

/**
 * The `credentials` object of a form: `api_key` plus `name=value` lines for the other fields a
 * type needs (Azure's endpoint, Bedrock's keys…). Undefined when the form left them all blank.
 *
 * @example
 * readCredentials({ api_key: 'sk-…', extra: 'region=us-east-1' }) // { api_key: 'sk-…', region: 'us-east-1' }
 */
export function readCredentials(form: Record<string, unknown>): Record<string, string> | undefined {
  const credentials: Record<string, string> = {}
  const apiKey = field(form, 'api_key')
  if (apiKey !== '') credentials.api_key = apiKey
  for (const line of lines(field(form, 'extra'))) {
    const at = line.indexOf('=')
    if (at > 0) credentials[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
  return Object.keys(credentials).length === 0 ? undefined : credentials
}

/** A comma- or line-separated list. */
export function readList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
}
