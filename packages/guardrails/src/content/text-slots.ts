// The text fields of a request or response body, found in place so a modification writes them back.

type Holder = Record<string, unknown> | unknown[]

/** The string fields of a body that guardrails read, with where each lives. */
export interface TextSlots {
  texts: string[]
  holders: Holder[]
  keys: Array<string | number>
}

const textKeys = new Set(['content', 'text', 'system', 'instructions', 'input', 'prompt'])

/** Iteratively collects every string under `root` reached through a text key (or an array of them). */
function collect(root: unknown, rootHolder: Holder, rootKey: string | number, slots: TextSlots): void {
  const stack: Array<[unknown, Holder, string | number, boolean]> = [[root, rootHolder, rootKey, true]]
  while (stack.length > 0) {
    const [node, holder, key, isText] = stack.pop()!
    if (typeof node === 'string') {
      if (isText && node !== '') {
        slots.texts.push(node)
        slots.holders.push(holder)
        slots.keys.push(key)
      }
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], node, i, isText])
    } else if (typeof node === 'object' && node !== null) {
      const object = node as Record<string, unknown>
      const keys = Object.keys(object)
      for (let i = keys.length - 1; i >= 0; i--) {
        const child = keys[i]!
        stack.push([object[child], object, child, textKeys.has(child)])
      }
    }
  }
}

/**
 * Finds the text of a parsed body under the given top-level fields: strings reached through
 * `content`, `text`, `system`, `instructions`, `input` or `prompt` keys (arrays of parts
 * included), in document order. Covers OpenAI chat and Responses, Anthropic Messages, Gemini and
 * Bedrock Converse requests, and the three client wires' responses. Tool arguments, ids, roles
 * and image data are not text and are skipped.
 *
 * @example
 * const slots = findTextSlots(body, ['system', 'messages'])
 * writeTextSlots(slots, slots.texts.map((text) => text.toUpperCase()))
 */
export function findTextSlots(body: Record<string, unknown>, fields: readonly string[]): TextSlots {
  const slots: TextSlots = { texts: [], holders: [], keys: [] }
  for (const field of fields) {
    const value = body[field]
    if (value !== undefined) collect(value, body, field, slots)
  }
  return slots
}

/** Writes modified texts back in place (same order and count as `slots.texts`). */
export function writeTextSlots(slots: TextSlots, texts: readonly string[]): void {
  for (let i = 0; i < slots.holders.length; i++) {
    const holder = slots.holders[i]!
    const key = slots.keys[i]!
    ;(holder as Record<string | number, unknown>)[key] = texts[i] ?? ''
  }
}

/** The request fields holding prompt text, across wires. */
export const requestTextFields = [
  'system',
  'instructions',
  'messages',
  'input',
  'prompt',
  'contents',
  'systemInstruction',
] as const

/** The response fields holding answer text on the client wires (chat, Responses, Messages). */
export const responseTextFields = ['choices', 'output', 'content'] as const
