// The OTLP/HTTP traces URL of an endpoint: `/v1/traces` is appended when missing (as the spec says).

/**
 * @example
 * otlpTracesUrl('http://collector:4318') // 'http://collector:4318/v1/traces'
 * otlpTracesUrl('https://ingest.example/v1/traces') // unchanged
 */
export function otlpTracesUrl(endpoint: string): string {
  const trimmed = endpoint.replace(/\/+$/, '')
  return trimmed.endsWith('/v1/traces') ? trimmed : `${trimmed}/v1/traces`
}
