// The deterministic reply the mock sends, split once into stream deltas and counted in tokens.

/** A reply text prepared for every wire: its deltas and token count are computed once. */
export interface ReplyText {
  text: string
  chunks: string[]
  tokens: number
}

/** The mock's token estimate: one token per four characters, at least one. */
export function estimateTokens(chars: number): number {
  return chars <= 0 ? 1 : Math.ceil(chars / 4)
}

/**
 * Splits text into `count` pieces of near-equal length without cutting a code point in two.
 *
 * @example
 * splitText('Hello world', 3) // ['Hell', 'o wo', 'rld']
 */
export function splitText(text: string, count: number): string[] {
  const codePoints = Array.from(text)
  const pieces = Math.max(1, Math.min(count, codePoints.length))
  const size = Math.ceil(codePoints.length / pieces)
  const chunks: string[] = []
  for (let start = 0; start < codePoints.length; start += size) {
    chunks.push(codePoints.slice(start, start + size).join(''))
  }
  return chunks.length > 0 ? chunks : ['']
}

/** Prepares a reply text for streaming in `streamChunks` deltas. */
export function createReplyText(text: string, streamChunks: number): ReplyText {
  return { text, chunks: splitText(text, streamChunks), tokens: estimateTokens(text.length) }
}

/** Multi-byte reply used by the `splitUtf8` behaviour: 2-, 3- and 4-byte UTF-8 characters. */
export const multiByteReplyText = 'Grüße — 你好，世界 👋🏽 done.'

/** The fixed chain of thought reported when a request asks for reasoning. */
export const reasoningText = 'The user wants a short answer. I will reply with the configured text.'
