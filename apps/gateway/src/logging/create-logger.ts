// The gateway's pino logger: JSON lines on stdout, level by name, secrets redacted by path.
import { type DestinationStream, type Logger, pino } from 'pino'

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** `debug` | `info` | `warn` | `error` (LOG_LEVEL), or `silent`. Default `info`. */
  level?: string
  /**
   * Where lines go. Default: stdout, buffered (see {@link STDOUT_BUFFER}): written
   * asynchronously once 64 KiB are waiting or 100 ms have passed, at once for a warning or an
   * error, and flushed on exit.
   */
  destination?: DestinationStream
  /** Fields on every line (node id, environment). Default none. */
  base?: Record<string, unknown>
}

// Defence in depth: nothing should log these, but if a header object slips in, it is masked.
const redactedPaths = [
  'authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-goog-api-key"]',
  'headers.cookie',
]

/**
 * How stdout is buffered. One write per line went through libuv's thread pool for every access
 * line: a thread hand-off per request that cost more CPU than the line itself (≈ 12 µs per request
 * at 2,000 req/s; ≈ 60 µs of CPU per hand-off on a 2-core VM, whether 400 B or 8 KiB). Lines now wait
 * until 64 KiB (≈ 100 access lines, ≈ 100 µs per hand-off) are buffered or 100 ms have passed; a line at
 * `warn` or above is written at once with what waits before it. At most 16 MiB wait while stdout
 * is blocked; past that, lines are dropped rather than memory grown. pino flushes the rest on exit;
 * a SIGKILL loses at most the last 100 ms.
 */
export const STDOUT_BUFFER = {
  minLength: 65_536,
  maxWrite: 262_144,
  periodicFlush: 100,
  maxLength: 16 * 1024 * 1024,
} as const

/**
 * Where a logger made by {@link createLogger} writes, for lines serialised outside pino (the access
 * line, see `writeAccessLog`). `bindings` is the text pino puts after `time` on every line
 * (`,"node_id":"gw-a"`), so such a line reads exactly like one pino wrote.
 */
export interface LineSink {
  readonly bindings: string
  write(line: string): void
}

const lineSinks = new WeakMap<Logger, LineSink>()

/**
 * The sink of a logger made by {@link createLogger}; undefined for any other logger (a child, a
 * test's own pino), which then logs through pino as usual.
 *
 * @example
 * const sink = lineSinkOf(logger)
 * sink?.write(`{"level":"info","time":${Date.now()}${sink.bindings},"msg":"hello"}\n`)
 */
export function lineSinkOf(logger: Logger): LineSink | undefined {
  return lineSinks.get(logger)
}

// pino's level numbers: warn and above are written at once.
const WARN_LEVEL = 40

/** Buffered stdout: lines gathered as text, handed to sonic-boom encoded. */
interface BufferedStdout {
  write(line: string): void
  flush(callback?: (error?: Error) => void): void
}

/** Hands what waits to sonic-boom before its own exit handler writes synchronously (see below). */
const beforeExit = new Set<() => void>()
let exitHookInstalled = false

/**
 * Buffered stdout, flushed every {@link STDOUT_BUFFER}`.periodicFlush` ms only when a line is
 * waiting. sonic-boom's own `periodicFlush` writes an empty buffer when nothing waits: an idle
 * gateway handed ten zero-byte writes a second to the thread pool (seen with strace), a thread
 * hand-off and an event-loop wakeup each.
 *
 * Lines wait as one string and are encoded once per hand-over (every 64 KiB, on the timer, on a
 * warning, on exit). Encoding each line into a Buffer of its own and handing it to sonic-boom
 * cost ≈ 3,000 instructions more per access line (callgrind: 6,800–7,800 against 4,000 per line,
 * the line's text included).
 */
function openStdout(): BufferedStdout {
  const { periodicFlush, ...buffering } = STDOUT_BUFFER
  const boom = pino.destination({ dest: 1, sync: false, contentMode: 'buffer', ...buffering })
  // Bytes handed to sonic-boom and bytes it reported written: a flush that found a write in flight
  // does nothing, so the timer tries again until the two meet.
  let appended = 0
  let written = 0
  boom.on('write', (bytes: number) => {
    written += bytes
  })
  // Past `maxLength` sonic-boom drops a line: it will never be written.
  boom.on('drop', (line: Buffer) => {
    written += line.length
  })
  // Lines not handed to sonic-boom yet: V8 joins them without copying until they are encoded.
  let waiting = ''
  const handOver = () => {
    if (waiting === '') return
    const bytes = Buffer.from(waiting)
    waiting = ''
    appended += bytes.length
    boom.write(bytes as unknown as string)
  }
  // sonic-boom writes synchronously on exit what it holds; what still waits here must reach it
  // first, so this runs before every other exit listener (one listener for all loggers).
  beforeExit.add(handOver)
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.prependListener('exit', () => {
      for (const hand of beforeExit) hand()
    })
  }
  const timer = setInterval(() => {
    handOver()
    if (appended > written) boom.flush()
  }, periodicFlush)
  timer.unref()
  return {
    write(line) {
      waiting += line
      if (waiting.length >= buffering.minLength) handOver()
    },
    flush(callback) {
      handOver()
      if (callback === undefined) boom.flush()
      else boom.flush(callback)
    },
  }
}

/**
 * Creates the process logger. Lines look like
 * `{"level":"info","time":1735689600000,"node_id":"gw-a","msg":"gateway_started",…}`.
 *
 * @example
 * const logger = createLogger({ level: config.logging.level, base: { node_id: config.controlPlane.nodeId } })
 * logger.warn({ variable: 'LW_GATEWAY_JWT_SECRET_PREVIOUS' }, 'jwt_secret_rotation_active')
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const stdout = options.destination === undefined ? openStdout() : undefined
  // Lines reach sonic-boom encoded: in text mode it measures the UTF-8 length of everything waiting
  // on every line (O(buffer) per line); in buffer mode it adds lengths.
  // `flush` is what `logger.flush(callback)` calls (on shutdown).
  const destination = options.destination ?? {
    write: (line: string) => stdout!.write(line),
    flush: (callback?: (error?: Error) => void) => stdout!.flush(callback),
  }
  const logger = pino(
    {
      level: options.level ?? 'info',
      hooks:
        stdout === undefined
          ? {}
          : {
              logMethod(args, method, level) {
                method.apply(this, args)
                if (level >= WARN_LEVEL) stdout.flush()
              },
            },
      base: options.base ?? null,
      // Epoch milliseconds (pino's default): formatting an ISO date per access line cost ~1.5 % CPU.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedPaths, censor: '***' },
    },
    destination,
  )
  const withBindings = logger as unknown as Record<symbol, string | undefined>
  lineSinks.set(logger, {
    // Read per line: `logger.setBindings` replaces the text.
    get bindings() {
      return withBindings[pino.symbols.chindingsSym] ?? ''
    },
    write: (line) => destination.write(line),
  })
  return logger
}
