// Splits a configured base URL into the pool key (origin) and the path prefix requests start with.

/**
 * Splits a base URL into origin and path prefix without trailing slash.
 *
 * @example
 * splitBaseUrl('http://localhost:11434/v1/') // → { origin: 'http://localhost:11434', basePath: '/v1' }
 */
export function splitBaseUrl(baseUrl: string): { origin: string; basePath: string } {
  const url = new URL(baseUrl)
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') }
}
