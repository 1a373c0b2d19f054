// Caps the /v1 requests held at once: past the cap, 503 `overloaded` from the headers, body unread.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { GatewayError } from '@gw/contract'
import type { GatewayMetrics } from '@gw/otel'
import type { Logger } from 'pino'
import { abandonRequestBody } from '../http/body.js'
import { errorShapeForPath, writeGatewayError } from '../http/error-response.js'

/** Options of {@link createLoadShedder}. */
export interface LoadShedderOptions {
  /** Most /v1 requests held at once (`SERVER_MAX_INFLIGHT_REQUESTS`); 0 turns the cap off. */
  maxInFlight: number
  metrics: Pick<GatewayMetrics, 'requestsShed'>
  logger: Logger
  /** Shortest time between two `requests_shed` warnings. Default 10 s. */
  logIntervalMs?: number
  /** Monotonic clock in ms. Default `performance.now`. */
  now?: () => number
}

/** Admits or sheds each /v1 request; `release` when an admitted one is done. */
export interface LoadShedder {
  /**
   * `admitted`: a /v1 request under the cap (call `release` when it is done); `exempt`: not
   * counted (another path, or the cap is off); `shed`: answered 503 here, hand it to nobody.
   */
  admit(incoming: IncomingMessage, outgoing: ServerResponse): 'admitted' | 'exempt' | 'shed'
  release(): void
  /** /v1 requests admitted and not yet released. */
  readonly inFlight: number
}

/** True for paths of the public API (`/v1/…`, also in absolute form); probes, /metrics and the rest are exempt. */
export function isCappedPath(url: string): boolean {
  if (url.startsWith('/v1/')) return true
  if (url.startsWith('/')) return false
  try {
    return new URL(url).pathname.startsWith('/v1/')
  } catch {
    return false
  }
}

function pathOf(url: string): string {
  if (!url.startsWith('/')) return URL.canParse(url) ? new URL(url).pathname : '/'
  const queryStart = url.indexOf('?')
  return queryStart === -1 ? url : url.slice(0, queryStart)
}

function hasBody(incoming: IncomingMessage): boolean {
  const length = incoming.headers['content-length']
  return incoming.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/**
 * Creates the shedder the request listener consults before Hono runs. A /v1 request past
 * `maxInFlight` gets 503 `overloaded` with `Retry-After: 1` in its route's envelope, its body
 * unread (the connection is closed after the answer, as for a refused key), and counts in
 * `gateway_requests_shed_total{reason="in_flight_cap"}`; a `requests_shed` warning is logged at
 * most once per `logIntervalMs`, with how many were shed since the last one.
 *
 * @example
 * const shedder = createLoadShedder({ maxInFlight: 2048, metrics, logger })
 * if (shedder.admit(incoming, outgoing) === 'shed') return
 */
export function createLoadShedder(options: LoadShedderOptions): LoadShedder {
  const { maxInFlight, metrics, logger } = options
  if (!Number.isInteger(maxInFlight) || maxInFlight < 0)
    throw new RangeError('createLoadShedder: maxInFlight must be a non-negative integer')
  const now = options.now ?? (() => performance.now())
  const logIntervalMs = options.logIntervalMs ?? 10_000
  const error = new GatewayError(
    'overloaded',
    `The gateway is handling ${maxInFlight} requests already; retry after Retry-After (operators: SERVER_MAX_INFLIGHT_REQUESTS)`,
    { retryAfter: 1, meta: { limit: maxInFlight } },
  )
  let inFlight = 0
  let shedSinceLog = 0
  let lastLogAt = Number.NEGATIVE_INFINITY
  return {
    get inFlight() {
      return inFlight
    },
    admit(incoming, outgoing) {
      if (maxInFlight === 0) return 'exempt'
      const url = incoming.url ?? '/'
      if (!isCappedPath(url)) return 'exempt'
      if (inFlight < maxInFlight) {
        inFlight++
        return 'admitted'
      }
      metrics.requestsShed.inc({ reason: 'in_flight_cap' })
      shedSinceLog++
      const at = now()
      if (at - lastLogAt >= logIntervalMs) {
        logger.warn(
          { shed: shedSinceLog, limit: maxInFlight, variable: 'SERVER_MAX_INFLIGHT_REQUESTS' },
          'requests_shed',
        )
        lastLogAt = at
        shedSinceLog = 0
      }
      if (hasBody(incoming)) abandonRequestBody(incoming)
      writeGatewayError(outgoing, error, errorShapeForPath(pathOf(url)))
      return 'shed'
    },
    release() {
      inFlight = Math.max(0, inFlight - 1)
    },
  }
}
