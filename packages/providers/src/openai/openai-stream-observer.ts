// Side-channel observer for OpenAI-wire streams: usage and error events of chat and responses.
import type { ClientApi } from '../spec/client-api.js'
import type { StreamObserver } from '../spec/provider-adapter.js'
import type { Usage } from '../spec/usage.js'
import { hasObjectField, objectField, parseJsonSafely } from '../utils/json-fields.js'
import { mapOpenAIUsage } from './openai-usage.js'

const responsesUsageEvents = new Set(['response.completed', 'response.incomplete', 'response.failed'])

function errorMessage(error: Record<string, unknown> | undefined): string | undefined {
  if (error === undefined) return undefined
  return typeof error.message === 'string' ? error.message : 'upstream stream error'
}

class ChatStreamObserver implements StreamObserver {
  usage: Usage | undefined = undefined
  error: string | undefined = undefined

  observe(_event: string | undefined, data: string): boolean {
    if (data.charCodeAt(0) !== 123) return false
    if (data.includes('"error"')) {
      const message = errorMessage(objectField(parseJsonSafely(data), 'error'))
      if (message !== undefined) this.error = message
    }
    if (!hasObjectField(data, 'usage')) return false
    const chunk = parseJsonSafely(data)
    const usage = objectField(chunk, 'usage')
    if (usage === undefined) return false
    this.usage = mapOpenAIUsage(usage)
    const choices = (chunk as { choices?: unknown }).choices
    return Array.isArray(choices) && choices.length === 0
  }
}

class ResponsesStreamObserver implements StreamObserver {
  usage: Usage | undefined = undefined
  error: string | undefined = undefined

  observe(event: string | undefined, data: string): boolean {
    if (event === 'error') {
      const parsed = parseJsonSafely(data)
      this.error = errorMessage(objectField(parsed, 'error') ?? (parsed as Record<string, unknown>))
    } else if (event !== undefined && responsesUsageEvents.has(event)) {
      const response = objectField(parseJsonSafely(data), 'response')
      const usage = objectField(response, 'usage')
      if (usage !== undefined) this.usage = mapOpenAIUsage(usage)
      if (event === 'response.failed') this.error = errorMessage(objectField(response, 'error'))
    }
    return false
  }
}

/** A fresh observer for one OpenAI-wire stream of `api`. */
export function createOpenAIStreamObserver(api: ClientApi): StreamObserver {
  return api === 'openai-responses' ? new ResponsesStreamObserver() : new ChatStreamObserver()
}
