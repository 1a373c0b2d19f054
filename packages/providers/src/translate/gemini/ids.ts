// Ids Gemini does not give: tool calls (Gemini pairs calls and responses by name) and, on old models, responses.
import { randomUUID } from 'node:crypto'

/** A tool-call id in OpenAI's style (`call_` + 24 hex characters), valid on every client wire. */
export function createToolCallId(): string {
  return `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`
}

/** A response id for answers that carry no `responseId`. */
export function createResponseId(): string {
  return `gemini-${randomUUID().replaceAll('-', '')}`
}
