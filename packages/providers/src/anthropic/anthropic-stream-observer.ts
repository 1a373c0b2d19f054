// Side-channel observer for Anthropic message streams: usage from message_start/message_delta, errors.
import type { StreamObserver } from '../spec/provider-adapter.js'
import { createUsage, type Usage } from '../spec/usage.js'
import { objectField, parseJsonSafely } from '../utils/json-fields.js'
import { mapAnthropicUsage, mergeAnthropicDeltaUsage } from './anthropic-usage.js'

class AnthropicStreamObserver implements StreamObserver {
  usage: Usage | undefined = undefined
  error: string | undefined = undefined

  // Only three event types carry what we read; content deltas (the bulk) are never parsed.
  observe(event: string | undefined, data: string): boolean {
    if (event === 'message_start') {
      const usage = objectField(objectField(parseJsonSafely(data), 'message'), 'usage')
      if (usage !== undefined) this.usage = mapAnthropicUsage(usage)
    } else if (event === 'message_delta') {
      const usage = objectField(parseJsonSafely(data), 'usage')
      if (usage !== undefined) this.usage = mergeAnthropicDeltaUsage(this.usage ?? createUsage(), usage)
    } else if (event === 'error') {
      const error = objectField(parseJsonSafely(data), 'error')
      this.error = typeof error?.message === 'string' ? error.message : 'upstream stream error'
    }
    return false
  }
}

/** A fresh observer for one Anthropic message stream. */
export function createAnthropicStreamObserver(): StreamObserver {
  return new AnthropicStreamObserver()
}
