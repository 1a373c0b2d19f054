// OpenAI Chat `tool_choice` ⇄ canonical tool choice.
import type { CanonicalToolChoice } from '../../canonical/types.js'
import { isRecord } from '../json.js'
import { unsupportedParameter } from '../unsupported.js'
import type { OpenAIChatToolChoice } from './types.js'

/** Reads `tool_choice`; `allowed_tools` and custom-tool choices have no canonical form. */
export function decodeChatToolChoice(choice: unknown): CanonicalToolChoice | undefined {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice
  if (!isRecord(choice)) return undefined
  if (choice.type === 'function' && isRecord(choice.function)) return { name: String(choice.function.name) }
  throw unsupportedParameter('tool_choice', `tool_choice type "${String(choice.type)}" cannot be translated`)
}

/** Writes `tool_choice`. */
export function encodeChatToolChoice(choice: CanonicalToolChoice): OpenAIChatToolChoice {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } }
}
