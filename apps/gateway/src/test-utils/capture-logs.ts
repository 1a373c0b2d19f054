// Test helper: a pino logger whose JSON lines are kept in memory.
import type { Logger } from 'pino'
import { createLogger } from '../logging/create-logger.js'

/** A logger and the lines it wrote, parsed. */
export interface CapturedLogs {
  logger: Logger
  lines: Record<string, unknown>[]
  /** Lines whose `msg` is `message`. */
  find(message: string): Record<string, unknown>[]
}

export function captureLogs(level = 'debug'): CapturedLogs {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger({
    level,
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  })
  return { logger, lines, find: (message) => lines.filter((line) => line.msg === message) }
}
