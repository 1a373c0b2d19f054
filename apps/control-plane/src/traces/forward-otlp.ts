// Forwards one OTLP/HTTP export to a project's destination and relays the answer.
import { GatewayError } from '@gw/contract'

/** What the destination answered. */
export interface ForwardedExport {
  status: number
  contentType: string
  body: ArrayBuffer
}

/** Options of {@link forwardOtlp}. */
export interface ForwardOtlpOptions {
  /** The destination's OTLP/HTTP endpoint; `/v1/traces` is appended when missing. */
  endpoint: string
  headers: Readonly<Record<string, string>>
  contentType: string
  body: ArrayBuffer
  /** Milliseconds the destination may take. Default 10 000. */
  timeoutMs?: number
}

/**
 * Posts the export to the destination. A destination that cannot be reached is a 503
 * `service_unavailable` (OTLP exporters retry it); any answer is relayed as is.
 *
 * @example
 * const answer = await forwardOtlp({ endpoint: 'https://otlp.example', headers, contentType: 'application/json', body })
 */
export async function forwardOtlp(options: ForwardOtlpOptions): Promise<ForwardedExport> {
  const base = options.endpoint.replace(/\/+$/, '')
  const url = base.endsWith('/v1/traces') ? base : `${base}/v1/traces`
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...options.headers, 'content-type': options.contentType },
      body: options.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    })
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/json',
      body: await response.arrayBuffer(),
    }
  } catch (error) {
    throw new GatewayError(
      'service_unavailable',
      "The project's trace destination could not be reached; the export can be retried",
      { cause: error, retryable: true },
    )
  }
}
