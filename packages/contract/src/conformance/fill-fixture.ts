// Loads a recorded request body and fills its `{{placeholders}}` with the target's ids.
import { readFile } from 'node:fs/promises'

/** Ids of the tenant a contract run talks about, substituted for `{{name}}` in fixtures and paths. */
export interface ContractValues {
  /** A live virtual key (full secret) of the tenant. */
  key: string
  vk_id: string
  project_id: string
  organization_id: string
  /** A provider credential id of the project (any id works where no answer depends on it). */
  provider_id: string
  /** Unique per run, so idempotency keys (`gateway_request_id`) of one run never meet another's. */
  run: string
}

/** Directory of the recorded bodies; the same relative place from `src/` and `dist/`. */
const fixturesDirectory = new URL('../../fixtures/reference-gateway/', import.meta.url)

/**
 * Replaces every `{{name}}` in `template` by its value, JSON-string-escaped (fixtures place
 * them inside strings). An unknown name throws, so a typo in a fixture cannot pass unnoticed.
 *
 * @example
 * fillPlaceholders('{"key_presented":"{{key}}"}', values) // → '{"key_presented":"lw_vk_live_…"}'
 */
export function fillPlaceholders(template: string, values: ContractValues): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`Unknown placeholder {{${name}}}`)
    return JSON.stringify(values[name as keyof ContractValues]).slice(1, -1)
  })
}

/**
 * Reads `fixtures/reference-gateway/<name>` (the exact bytes a gateway sends) and fills it.
 *
 * @example
 * const body = await loadFixture('resolve-key.json', values)
 */
export async function loadFixture(name: string, values: ContractValues): Promise<string> {
  return fillPlaceholders(await readFile(new URL(name, fixturesDirectory), 'utf8'), values)
}
