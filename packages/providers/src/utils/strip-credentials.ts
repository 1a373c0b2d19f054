// Removes the gateway's own credentials (virtual keys) from a client query string before it is forwarded.

/** Query parameters that carry an API key in the providers' conventions (`?key=` is Gemini's). */
const credentialParams = new Set(['key', 'api_key', 'api-key', 'apikey', 'x-api-key'])
const mayCarryCredential = /key|lw_vk_/i

/**
 * The query (with its `?`, or empty) without credential parameters (`key`, `api_key`…) and without
 * any parameter whose value is a virtual key: those are the client's key to the gateway, never
 * meant for the provider (which gets the credential the gateway holds).
 *
 * @example
 * stripQueryCredentials('?key=lw_vk_live_x&alt=sse') // '?alt=sse'
 */
export function stripQueryCredentials(query: string): string {
  if (query === '' || !mayCarryCredential.test(query)) return query
  const kept = query
    .slice(query.startsWith('?') ? 1 : 0)
    .split('&')
    .filter((pair) => {
      if (pair === '') return false
      const equals = pair.indexOf('=')
      const name = decodeSafely(equals === -1 ? pair : pair.slice(0, equals)).toLowerCase()
      const value = equals === -1 ? '' : decodeSafely(pair.slice(equals + 1))
      return !credentialParams.has(name) && !value.startsWith('lw_vk_')
    })
  return kept.length === 0 ? '' : `?${kept.join('&')}`
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '))
  } catch {
    return text
  }
}
