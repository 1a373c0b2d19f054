// Counts the characters of the prose in a request body, the base of the mock's token estimate.

const textKeys = new Set([
  'text',
  'content',
  'input',
  'instructions',
  'system',
  'prompt',
  'thinking',
  'arguments',
  'output',
  'inputText',
])

/**
 * Sums the lengths of the strings found under prose-bearing keys (`content`, `text`, `input`…),
 * at any depth. Ids, roles and types are not counted; numbers in a token array count 4 each.
 *
 * @example
 * countTextChars({ messages: [{ role: 'user', content: 'Hi there' }] }) // 8
 */
export function countTextChars(value: unknown, isText = false): number {
  if (typeof value === 'string') return isText ? value.length : 0
  if (typeof value === 'number') return isText ? 4 : 0
  if (Array.isArray(value)) {
    let sum = 0
    for (const item of value) sum += countTextChars(item, isText)
    return sum
  }
  if (value !== null && typeof value === 'object') {
    let sum = 0
    for (const key in value) {
      sum += countTextChars((value as Record<string, unknown>)[key], textKeys.has(key))
    }
    return sum
  }
  return 0
}

/** Characters of tool definitions: their JSON length, as tools are part of the prompt. */
export function countToolChars(tools: unknown): number {
  return Array.isArray(tools) && tools.length > 0 ? JSON.stringify(tools).length : 0
}
