// Keeps a metric label's values to a known set: anything else is counted as `other`.

/** The label value used for anything outside a bounded set. */
export const OTHER_LABEL = 'other'

/**
 * `value` when it is in `allowed`, else `other` (also for undefined or empty values): labels
 * from clients or tenants (raw model strings, key ids) must never reach a metric as they are.
 *
 * @example
 * const models = new Set(['gpt-4o', 'claude-sonnet-4'])
 * boundLabel('gpt-4o', models) // 'gpt-4o'
 * boundLabel('my-finetune-123', models) // 'other'
 */
export function boundLabel(value: string | undefined, allowed: ReadonlySet<string>): string {
  return value !== undefined && allowed.has(value) ? value : OTHER_LABEL
}
