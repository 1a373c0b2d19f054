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

/** The V8 heap and the memory outside it, from the gateway's default Node metrics, in bytes. */
export interface HeapReading {
  heapTotal: number
  heapUsed: number
  external: number
}

/**
 * One reading of the gateway's heap (prom-client's default `nodejs_*` series).
 *
 * @example
 * const { heapTotal } = await readGatewayHeap(origin)
 */
export async function readGatewayHeap(origin: string): Promise<HeapReading> {
  const [heapTotal, heapUsed, external] = await Promise.all(
    ['nodejs_heap_size_total_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_external_memory_bytes'].map(
      (sample) => readGatewayMetric(origin, sample),
    ),
  )
  return { heapTotal: heapTotal ?? 0, heapUsed: heapUsed ?? 0, external: external ?? 0 }
}
