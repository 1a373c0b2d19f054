// OpenAI's BPE encodings from gpt-tokenizer, loaded on first use so start-up and memory stay as they were.

/** The encodings a local count can use. */
export type LocalEncoding = 'o200k_base' | 'cl100k_base'

/** What a loaded encoding offers. */
export interface LocalTokenizer {
  countTokens(text: string): number
}

const loading = new Map<LocalEncoding, Promise<LocalTokenizer>>()

// Literal specifiers, so bundlers and the TypeScript checker see both modules.
function importEncoding(encoding: LocalEncoding): Promise<LocalTokenizer> {
  return encoding === 'o200k_base'
    ? import('gpt-tokenizer/encoding/o200k_base')
    : import('gpt-tokenizer/encoding/cl100k_base')
}

/**
 * The encoding of an OpenAI-family model: o200k for the gpt-4o, gpt-4.1, gpt-5, o-series and
 * codex families (and for models we cannot place, most of which are newer), cl100k for gpt-4,
 * gpt-3.5 and the embedding models before them.
 *
 * @example
 * encodingForModel('gpt-4o-mini') // 'o200k_base'
 * encodingForModel('gpt-3.5-turbo') // 'cl100k_base'
 */
export function encodingForModel(model: string): LocalEncoding {
  const name = model.slice(model.lastIndexOf('/') + 1).toLowerCase()
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|chatgpt-4o|o\d|codex)/.test(name)) return 'o200k_base'
  if (/^(gpt-4|gpt-3\.5|gpt-35|text-embedding-(ada|3)|davinci|babbage)/.test(name)) return 'cl100k_base'
  return 'o200k_base'
}

/**
 * Loads `encoding` once (about 1 s and 60-70 MB the first time, measured on Node 20) and returns
 * it; concurrent callers share the load. A failed load is forgotten so the next call retries.
 *
 * @example
 * const tokenizer = await loadLocalTokenizer('o200k_base')
 * tokenizer.countTokens('Hello world') // 2
 */
export function loadLocalTokenizer(encoding: LocalEncoding): Promise<LocalTokenizer> {
  let promise = loading.get(encoding)
  if (promise === undefined) {
    promise = importEncoding(encoding)
    promise.catch(() => loading.delete(encoding))
    loading.set(encoding, promise)
  }
  return promise
}
