// Reads the key-config form into the admin API's `config` patch (models, aliases, fallback, rate limits, policy rules).
import { field, lines } from './admin-pages.js'

/** The policy dimensions of `config.policy_rules`. */
export const policyDimensions = ['models', 'tools', 'mcp', 'urls'] as const

/** The stored config fields the form edits. */
export interface KeyConfig {
  models_allowed?: string[] | null
  model_aliases?: Record<string, string>
  fallback?: { chain: string[]; max_attempts: number | null }
  rate_limits?: { rpm: number | null; rpd: number | null; tpm: number | null }
  policy_rules?: Record<(typeof policyDimensions)[number], { deny: string[]; allow: string[] | null }>
}

const limit = (text: string): number | null => (text === '' ? null : Number(text))

/**
 * Builds the `config` patch; provider names in the chain become ids (an unknown name is passed
 * as written, so the admin API names the problem).
 *
 * @example
 * readKeyConfigForm(form, new Map([['mock-openai', 'pc_01…']]))
 */
export function readKeyConfigForm(
  form: Record<string, unknown>,
  providerIds: Map<string, string>,
): KeyConfig {
  const models = lines(field(form, 'models_allowed'))
  const aliases: Record<string, string> = {}
  for (const line of lines(field(form, 'model_aliases'))) {
    const at = line.indexOf('=')
    if (at > 0) aliases[line.slice(0, at).trim()] = line.slice(at + 1).trim()
  }
  const policy = Object.fromEntries(
    policyDimensions.map((dimension) => {
      const allow = lines(field(form, `${dimension}_allow`))
      return [
        dimension,
        { deny: lines(field(form, `${dimension}_deny`)), allow: allow.length === 0 ? null : allow },
      ]
    }),
  ) as NonNullable<KeyConfig['policy_rules']>
  return {
    models_allowed: models.length === 0 ? null : models,
    model_aliases: aliases,
    fallback: {
      chain: lines(field(form, 'fallback_chain')).map((name) => providerIds.get(name) ?? name),
      max_attempts: limit(field(form, 'max_attempts')),
    },
    rate_limits: {
      rpm: limit(field(form, 'rpm')),
      rpd: limit(field(form, 'rpd')),
      tpm: limit(field(form, 'tpm')),
    },
    policy_rules: policy,
  }
}
