// Rewrites Anthropic-shaped cache_control markers: strip them all (disable) or mark the cache breakpoints (force).

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Removes `cache_control` from system blocks, tools, messages and their content blocks; true if any. */
export function stripCacheControl(body: Json): boolean {
  let changed = false
  const strip = (item: unknown) => {
    if (isObject(item) && 'cache_control' in item) {
      delete item.cache_control
      changed = true
    }
  }
  if (Array.isArray(body.system)) body.system.forEach(strip)
  if (Array.isArray(body.tools)) body.tools.forEach(strip)
  if (Array.isArray(body.messages)) {
    for (const message of body.messages) {
      strip(message)
      if (isObject(message) && Array.isArray(message.content)) message.content.forEach(strip)
    }
  }
  return changed
}

function marker(ttl: number | undefined): Json {
  // Anthropic accepts ttl "5m" (default) or "1h"; a rule's ttl in seconds picks the closer one.
  return ttl !== undefined && ttl > 300 ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' }
}

function markLastBlock(holder: Json, field: string, ttl: number | undefined): boolean {
  const value = holder[field]
  if (typeof value === 'string') {
    if (value === '') return false
    holder[field] = [{ type: 'text', text: value, cache_control: marker(ttl) }]
    return true
  }
  if (!Array.isArray(value) || value.length === 0) return false
  const last = value[value.length - 1]
  if (!isObject(last)) return false
  last.cache_control = marker(ttl)
  return true
}

/**
 * Replaces the client's markers with three: the last system block, the last tool and the last
 * content block of the last user message, `ephemeral` (string system or content becomes one
 * text block). Markers elsewhere are removed first, so the request stays within Anthropic's four
 * breakpoints. For Anthropic Messages bodies (Anthropic, Bedrock and Vertex Claude); true if the
 * body changed.
 *
 * @example
 * forceCacheControl(body) // body.system[-1].cache_control → { type: 'ephemeral' }
 */
export function forceCacheControl(body: Json, ttl?: number): boolean {
  const stripped = stripCacheControl(body)
  let changed = markLastBlock(body, 'system', ttl) || stripped
  if (Array.isArray(body.tools) && body.tools.length > 0) {
    const lastTool = body.tools[body.tools.length - 1]
    if (isObject(lastTool)) {
      lastTool.cache_control = marker(ttl)
      changed = true
    }
  }
  if (Array.isArray(body.messages)) {
    for (let i = body.messages.length - 1; i >= 0; i--) {
      const message = body.messages[i]
      if (isObject(message) && message.role === 'user') {
        changed = markLastBlock(message, 'content', ttl) || changed
        break
      }
    }
  }
  return changed
}
