import { describe, expect, it } from 'vitest'
import { createEventStreamDecoder, loadEventStreamCodec } from './event-stream-decoder.js'

describe('the lazily loaded event-stream codec', () => {
  it('is not loaded by importing the package, and says how to load it', async () => {
    expect(() => createEventStreamDecoder()).toThrow(/loadEventStreamCodec/)
    await loadEventStreamCodec()
    expect(createEventStreamDecoder().pendingBytes).toBe(0)
  })
})
