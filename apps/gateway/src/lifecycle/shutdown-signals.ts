// Wires SIGTERM/SIGINT to the drain: the first starts it, a second one hurries it.
import type { Logger } from 'pino'
import type { DrainController, DrainResult } from './drain.js'

/** Options of {@link installShutdownSignals}. */
export interface ShutdownSignalOptions {
  logger: Logger
  /** Called with the exit code once the drain is done. Default `process.exit`. */
  exit?: (code: number) => void
  /** Signals handled. Default SIGTERM and SIGINT. */
  signals?: readonly NodeJS.Signals[]
}

/**
 * Drains on the first signal and exits 0 when done (also when requests had to be cut: that is
 * logged as a warning); a repeated signal ends the waits at once. Returns an uninstaller.
 *
 * @example
 * installShutdownSignals(gateway, { logger })
 */
export function installShutdownSignals(
  drainer: Pick<DrainController, 'drain' | 'hurry'>,
  { logger, exit = (code) => process.exit(code), signals = ['SIGTERM', 'SIGINT'] }: ShutdownSignalOptions,
): () => void {
  let received = false
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received) {
      logger.warn({ signal }, 'shutdown_signal_repeated')
      drainer.hurry()
      return
    }
    received = true
    logger.info({ signal }, 'shutdown_signal')
    drainer.drain().then(
      (result: DrainResult) => {
        logger.info({ cut: result.cut }, 'gateway_stopped')
        logger.flush(() => exit(0))
      },
      (error: unknown) => {
        logger.error({ err: error }, 'drain_failed')
        logger.flush(() => exit(1))
      },
    )
  }
  for (const signal of signals) process.on(signal, onSignal)
  return () => {
    for (const signal of signals) process.off(signal, onSignal)
  }
}
