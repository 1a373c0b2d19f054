// `gw-cp … --field <path>`: prints one field of the JSON answer, so scripts need no jq.
/**
 * Returns the value at a dotted path (`id`, `virtual_key.id`, `data.0.name`) as text: strings
 * as they are, anything else as JSON; `undefined` when the path names nothing.
 *
 * @example
 * pickField({ virtual_key: { id: '01J…' }, key: 'lw_vk_live_…' }, 'virtual_key.id') // '01J…'
 */
export function pickField(value: unknown, path: string): string | undefined {
  let current: unknown = value
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined
    current = (current as Record<string, unknown>)[part]
  }
  if (current === undefined) return undefined
  return typeof current === 'string' ? current : JSON.stringify(current)
}
