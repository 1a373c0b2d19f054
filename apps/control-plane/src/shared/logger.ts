// The pino logger: JSON lines, with secret-bearing paths redacted as a second line of defence.
import pino, { type DestinationStream, type Logger } from 'pino'

/** Log levels the control plane accepts (`LOG_LEVEL`). */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

// We never log bodies, keys or headers on purpose; these paths catch an accidental object.
const redactPaths = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'key',
  'key_presented',
  'credentials',
  'api_key',
  'secret',
  'token',
  '*.authorization',
  '*.key_presented',
  '*.credentials',
  '*.api_key',
]

/**
 * Creates the control-plane logger.
 *
 * @example
 * const logger = createLogger({ level: 'info', environment: 'local' })
 */
export function createLogger(options: {
  level: LogLevel
  environment: string
  /** Where lines go. Default: stdout. */
  destination?: DestinationStream
}): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'control-plane', environment: options.environment },
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  )
}

export type { Logger }
