// Graceful drain in four phases: unready, pre-drain wait, stop accepting, finish in-flight work.
import type { Server } from 'node:http'
import type { GatewayMetrics } from '@gw/otel'
import type { Logger } from 'pino'
import type { LifecycleState } from './lifecycle-state.js'

/** Options of {@link createDrainController}. */
export interface DrainOptions {
  server: Server
  /** Closed with the public listener; not waited for (a profile may run for a minute). */
  adminServer?: Server | undefined
  lifecycle: LifecycleState
  metrics: GatewayMetrics
  logger: Logger
  /** Requests currently being handled on `server`. */
  inFlight: () => number
  /** Pre-drain wait while load balancers drop the pod (SERVER_DRAIN_DELAY_SECONDS). */
  drainDelayMs: number
  /** Time in-flight requests get once listeners close (SERVER_GRACEFUL_SECONDS). */
  gracefulMs: number
  /** At the graceful timeout, before connections are closed: ends open streams with an error event. */
  beforeCut?: () => Promise<number>
}

/** How a drain ended. */
export interface DrainResult {
  /** Requests still running at the graceful timeout, whose connections were closed. */
  cut: number
}

/** Drives one drain; every method is safe to call more than once. */
export interface DrainController {
  /** Runs the drain (once; later calls return the same promise). */
  drain(): Promise<DrainResult>
  /** Ends every remaining wait now (a second SIGTERM/SIGINT): in-flight requests are cut. */
  hurry(): void
  /** To call after each response closes: while draining, frees now-idle keep-alive sockets. */
  onResponseClosed(): void
}

/**
 * Creates the drain of spec/self-hosting-helm.txt "Graceful drain": (1) `/readyz` 503 and
 * `gateway_draining` 1; (2) wait `drainDelayMs` while still serving, every response carrying
 * `Connection: close`; (3) stop accepting and close idle keep-alive connections; (4) let
 * in-flight requests, streams included, finish within `gracefulMs`, then close what is left
 * and report how many requests were cut (a warning, not a failure: the process still exits 0).
 *
 * @example
 * const drainer = createDrainController({ server, lifecycle, metrics, logger, inFlight, drainDelayMs: 5_000, gracefulMs: 15_000 })
 * process.once('SIGTERM', () => drainer.drain().then(() => process.exit(0)))
 */
export function createDrainController(options: DrainOptions): DrainController {
  const { server, adminServer, lifecycle, metrics, logger } = options
  let running: Promise<DrainResult> | undefined
  const hurried = createLatch()

  const run = async (): Promise<DrainResult> => {
    const startedAt = performance.now()
    lifecycle.draining = true
    metrics.draining.set(1)
    logger.info(
      {
        drain_delay_ms: options.drainDelayMs,
        graceful_ms: options.gracefulMs,
        in_flight: options.inFlight(),
      },
      'drain_started',
    )
    const preDrain = startTimer(options.drainDelayMs)
    await Promise.race([preDrain.done, hurried.promise])
    preDrain.cancel()

    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    adminServer?.close()
    server.closeIdleConnections()
    logger.info({ in_flight: options.inFlight() }, 'drain_stopped_accepting')

    const grace = startTimer(options.gracefulMs)
    const finished = await Promise.race([
      closed.then(() => true),
      grace.done.then(() => false),
      hurried.promise.then(() => false),
    ])
    grace.cancel()
    let cut = 0
    if (!finished) {
      cut = options.inFlight()
      const streamsEnded = (await options.beforeCut?.()) ?? 0
      logger.warn(
        { cut, streams_ended: streamsEnded, graceful_ms: options.gracefulMs },
        'drain_timeout_cut_requests',
      )
      server.closeAllConnections()
      await closed
    }
    adminServer?.closeAllConnections()
    logger.info({ cut, duration_ms: Math.round(performance.now() - startedAt) }, 'drain_complete')
    return { cut }
  }

  return {
    drain() {
      running ??= run()
      return running
    },
    hurry: hurried.open,
    onResponseClosed() {
      if (lifecycle.draining) server.closeIdleConnections()
    },
  }
}

function startTimer(ms: number): { done: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined
  const done = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms)
  })
  return { done, cancel: () => clearTimeout(timer) }
}

function createLatch(): { promise: Promise<void>; open: () => void } {
  let open!: () => void
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  return { promise, open }
}
