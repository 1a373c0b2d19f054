// Test helper: raw HTTP calls to the gateway's /v1 routes, keeping status, headers and body text.

/** A response read whole. */
export interface RawAnswer {
  status: number
  headers: Headers
  text: string
  /** The body parsed as JSON. */
  json(): Record<string, unknown>
}

/** The smallest valid chat completion body. */
export function chatBody(model = 'gpt-4o-mini'): Record<string, unknown> {
  return { model, messages: [{ role: 'user', content: 'Hello' }] }
}

/** The smallest valid Anthropic Messages body. */
export function messagesBody(model = 'claude-haiku-4-5'): Record<string, unknown> {
  return { model, max_tokens: 32, messages: [{ role: 'user', content: 'Hello' }] }
}

/** `Authorization: Bearer <key>`. */
export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` }
}

/** POSTs `body` (objects are JSON-encoded, strings and buffers sent as they are) to `baseUrl + path`. */
export async function postV1(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  })
  return read(response)
}

/** GETs `baseUrl + path`. */
export async function getV1(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  return read(await fetch(`${baseUrl}${path}`, { headers }))
}

async function read(response: Response): Promise<RawAnswer> {
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  }
}

/**
 * Calls `probe` every `intervalMs` until `done` accepts its result or `timeoutMs` passes;
 * returns the last result and the time it took.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { intervalMs = 100, timeoutMs = 10_000 } = {},
): Promise<{ value: T; elapsedMs: number }> {
  const started = performance.now()
  for (;;) {
    const value = await probe()
    const elapsedMs = performance.now() - started
    if (done(value) || elapsedMs > timeoutMs) return { value, elapsedMs }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
