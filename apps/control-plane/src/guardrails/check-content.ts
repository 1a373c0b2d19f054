// Turns /guardrail/check content (text, a message list, a structured body) into text segments and back.
import { findTextSlots, requestTextFields, responseTextFields, writeTextSlots } from '@gw/guardrails'

type Content = string | unknown[] | Record<string, unknown>

/** The segments of a content value, and how to put modified segments back in its shape. */
export interface CheckContent {
  texts: string[]
  rebuild(texts: readonly string[]): Content
}

const allTextFields = [...requestTextFields, ...responseTextFields]

/**
 * Splits content into segments: a string is one; an array of strings is one each; messages and
 * bodies give the texts of their text fields. `rebuild` returns the content's shape with the
 * segments replaced (a structured value is copied, never changed in place).
 *
 * @example
 * const { texts, rebuild } = readCheckContent([{ role: 'user', content: 'hi a@b.io' }])
 */
export function readCheckContent(content: Content): CheckContent {
  if (typeof content === 'string') return { texts: [content], rebuild: (texts) => texts.join('') }
  if (Array.isArray(content) && content.every((item) => typeof item === 'string')) {
    return { texts: [...(content as string[])], rebuild: (texts) => [...texts] }
  }
  const copy = structuredClone(Array.isArray(content) ? { messages: content } : content)
  const slots = findTextSlots(copy, allTextFields)
  return {
    texts: slots.texts,
    rebuild(texts) {
      writeTextSlots(slots, texts)
      return Array.isArray(content) ? (copy.messages as unknown[]) : copy
    },
  }
}
