// Deterministic unit-length embedding vectors derived from the input text.

function hashText(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/**
 * A vector of `dimensions` float32-representable numbers, the same for the same text, of length 1.
 *
 * @example
 * createEmbeddingVector('hello', 4) // e.g. [0.52, -0.13, 0.71, -0.45], always the same
 */
export function createEmbeddingVector(text: string, dimensions: number): number[] {
  let state = hashText(text) || 1
  const values = new Array<number>(dimensions)
  let norm = 0
  for (let i = 0; i < dimensions; i++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    const value = ((state >>> 0) / 0xffffffff) * 2 - 1
    values[i] = value
    norm += value * value
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 1
  for (let i = 0; i < dimensions; i++) values[i] = Math.fround((values[i] as number) * scale)
  return values
}

/** The vector as OpenAI's `encoding_format: "base64"` sends it: float32 little-endian bytes. */
export function encodeEmbeddingBase64(vector: number[]): string {
  const buffer = Buffer.allocUnsafe(vector.length * 4)
  for (let i = 0; i < vector.length; i++) buffer.writeFloatLE(vector[i] as number, i * 4)
  return buffer.toString('base64')
}
