// Counts a prompt's input tokens locally: exact up to a bound, extrapolated past it.
import { encodingForModel, type LocalTokenizer, loadLocalTokenizer } from './local-tokenizer.js'
import { promptTextOf } from './prompt-text.js'

/** Characters tokenized exactly; longer prompts are extrapolated (bounds CPU at a few ms). */
export const exactCountChars = 256 * 1024

/** Framing tokens per message (role markers), as OpenAI's chat format adds them. */
const tokensPerMessage = 3
/** A local tokenizer cannot see image sizes: one image counts as a 1024×1024 high-detail tile set. */
const tokensPerImage = 765

/**
 * Counts with a loaded tokenizer. The first {@link exactCountChars} characters are tokenized;
 * the rest is counted at the ratio measured on them.
 *
 * @example
 * countWithTokenizer(tokenizer, { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
 */
export function countWithTokenizer(tokenizer: LocalTokenizer, body: Record<string, unknown>): number {
  const text = promptTextOf(body)
  let tokens = 0
  let chars = 0
  let skipped = 0
  for (const piece of text.pieces) {
    if (chars >= exactCountChars) {
      skipped += piece.length
      continue
    }
    const counted = piece.length > exactCountChars - chars ? piece.slice(0, exactCountChars - chars) : piece
    tokens += tokenizer.countTokens(counted)
    chars += counted.length
    skipped += piece.length - counted.length
  }
  if (skipped > 0 && chars > 0) tokens += Math.ceil((skipped * tokens) / chars)
  return tokens + text.messages * tokensPerMessage + text.images * tokensPerImage
}

/**
 * Counts the input tokens of an Anthropic Messages (or count_tokens) body with the local encoding
 * of `model` (see `encodingForModel`), loading it on first use.
 *
 * @example
 * await countPromptTokens({ messages: [{ role: 'user', content: 'Hello world' }] }, 'gpt-4o') // 5
 */
export async function countPromptTokens(body: Record<string, unknown>, model: string): Promise<number> {
  return countWithTokenizer(await loadLocalTokenizer(encodingForModel(model)), body)
}
