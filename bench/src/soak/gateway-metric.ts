// Reads one counter from the gateway's /metrics: how many unknown keys reached the control plane.
import { request } from 'undici'

/** The auth cache's misses: each one is a control-plane lookup. */
export const lookupSample = 'gateway_auth_cache_events_total{event="miss"}'

/**
 * The value of `sample` (a full series name with labels) on `origin`/metrics; 0 when absent.
 *
 * @example
 * const lookups = await readGatewayMetric('http://127.0.0.1:5563', lookupSample)
 */
export async function readGatewayMetric(origin: string, sample: string): Promise<number> {
  const response = await request(`${origin}/metrics`)
  const text = await response.body.text()
  const line = text.split('\n').find((each) => each.startsWith(`${sample} `))
  return line === undefined ? 0 : Number(line.slice(sample.length + 1))
}
