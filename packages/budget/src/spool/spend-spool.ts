// The durable spend spool: append admit/confirm/fail records to disk, ship them in batches, delete on ack.
import { writeSync } from 'node:fs'
import { dirname } from 'node:path'
import {
  MAX_SPEND_RECORDS,
  type SpendCommandName,
  type SpendCommandsResponse,
  type SpendPayload,
  type SpendRecord,
} from '@gw/contract'
import { claimProcessDirectory, findOrphanDirectories, removeDirectory } from './process-directory.js'
import { deleteSegment, listSegments, openSegment, readSegmentLines, sealSegment } from './segment-files.js'

/** Most bytes of sealed segments also kept in memory to ship from (past it they are read back from disk). */
const IN_MEMORY_MAX_BYTES = 4 * 1024 * 1024
/** Buffered appends past this many bytes are written at once rather than at the next flush tick. */
const FLUSH_AT_BYTES = 64 * 1024

/** Options for {@link createSpendSpool}. */
export interface SpendSpoolOptions {
  /** Base directory; this process writes to its own subdirectory (`GATEWAY_SPEND_SPOOL_DIR`). */
  directory: string
  /** This gateway's node id, written into every record as `pod_id`. */
  podId: string
  /** Sends one batch to `POST /spend-commands`; throws when the control plane cannot be reached. */
  send: (records: SpendRecord[]) => Promise<SpendCommandsResponse>
  /**
   * Sends one batch as the request body's bytes, `{"records":[…]}` JSON
   * (`ControlPlaneClient.sendSpendCommandsBody`); when given, the spool ships the bytes it wrote,
   * without parsing, re-serialising or re-encoding records, and `send` is unused.
   */
  sendBody?: (body: Uint8Array) => Promise<SpendCommandsResponse>
  /** Most bytes kept on disk; records past it are dropped and counted. Default 256 MiB. */
  maxBytes?: number
  /** A segment is sealed past this size. Default 1 MiB. */
  segmentMaxBytes?: number
  /** Records per batch, at most 500. Default 500. */
  batchSize?: number
  /**
   * Appends are written to the open segment at most this often (one `write` for all of them), or
   * at once past 64 KiB buffered. 0 writes once per event-loop turn. A process killed with SIGKILL
   * loses what it appended within this window (never what was written: the page cache keeps it).
   * Default 50 ms.
   */
  flushIntervalMs?: number
  /** How often the open segment is sealed and shipped. Default 1,000 ms. */
  shipIntervalMs?: number
  /** First retry delay after a failed batch, doubled up to `maxBackoffMs`. Default 250 ms. */
  initialBackoffMs?: number
  /** Default 30,000 ms. */
  maxBackoffMs?: number
  now?: () => number
  /** Told about shipping and disk failures (for a rate-limited warning log); may not break the spool. */
  onShipError?: (error: unknown) => void
}

/** Counters of the spool, for metrics. */
export interface SpendSpoolStats {
  /** Bytes written and not yet acknowledged. */
  pendingBytes: number
  /** Records refused because the spool was full. */
  dropped: number
  /** Records the control plane acknowledged. */
  shipped: number
  /** Records the control plane rejected as invalid (never retried). */
  rejected: number
  /** Failed shipping attempts so far. */
  failures: number
}

/** A process's spend spool. */
export interface SpendSpool {
  /** Records one command; false when the spool is full and the record was dropped. */
  append(command: SpendCommandName, payload: SpendPayload): boolean
  /**
   * Records one command whose payload is already JSON text on one line, as `JSON.stringify`
   * writes it (a caller with a prepared template skips building and serialising an object per
   * request); false when the record was dropped.
   */
  appendEncoded(command: SpendCommandName, payloadJson: string): boolean
  /**
   * Seals what was appended and ships every pending segment now (resolves when done or failed).
   * During a round already in flight, it resolves after one more round that includes what was
   * appended before the call.
   */
  shipNow(): Promise<void>
  stats(): SpendSpoolStats
  /** The directory this process writes to. */
  readonly directory: string
  /** Stops the timer, writes and seals the open segment; unshipped segments stay for the next start. */
  close(): Promise<void>
}

/** Bytes as written to a segment: whole `\n`-terminated JSON lines. */
interface Chunk {
  data: Buffer
  lines: number
}

interface QueuedSegment {
  path: string
  bytes: number
  /** The segment's bytes as written, while within {@link IN_MEMORY_MAX_BYTES}; null: read from disk. */
  chunks: Chunk[] | null
  /** Batches of this segment already acknowledged (a retry resumes after them). */
  batchesDone: number
}

const BODY_PREFIX = Buffer.from('{"records":[')
const BODY_SUFFIX = Buffer.from(']}')
const NEWLINE = 0x0a

/** `chunks` cut into pieces of at most `batchSize` lines (a cut falls after a newline). */
function piecesOf(chunks: readonly Chunk[], batchSize: number): Chunk[] {
  const pieces: Chunk[] = []
  for (const chunk of chunks) {
    if (chunk.lines <= batchSize) {
      pieces.push(chunk)
      continue
    }
    let start = 0
    let lines = 0
    let at = 0
    while (at < chunk.data.length) {
      at = chunk.data.indexOf(NEWLINE, at) + 1
      lines += 1
      if (lines === batchSize || at === chunk.data.length) {
        pieces.push({ data: chunk.data.subarray(start, at), lines })
        start = at
        lines = 0
      }
    }
  }
  return pieces
}

/**
 * Batches of whole pieces, at most `batchSize` lines each, in order: the same chunks always give
 * the same batches, so a retry can skip the batches already acknowledged.
 */
function batchesOf(chunks: readonly Chunk[], batchSize: number): Chunk[][] {
  const batches: Chunk[][] = []
  let batch: Chunk[] = []
  let lines = 0
  for (const piece of piecesOf(chunks, batchSize)) {
    if (lines + piece.lines > batchSize) {
      batches.push(batch)
      batch = []
      lines = 0
    }
    batch.push(piece)
    lines += piece.lines
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}

/** `{"records":[line,line,…]}` from lines as written: each newline becomes a comma, the last a space. */
function recordsBody(batch: readonly Chunk[]): Buffer {
  let length = BODY_PREFIX.length + BODY_SUFFIX.length
  for (const piece of batch) length += piece.data.length
  const body = Buffer.allocUnsafe(length)
  let at = BODY_PREFIX.copy(body, 0)
  for (const piece of batch) at += piece.data.copy(body, at)
  BODY_SUFFIX.copy(body, at)
  let newline = body.indexOf(NEWLINE, BODY_PREFIX.length)
  while (newline !== -1) {
    const next = body.indexOf(NEWLINE, newline + 1)
    body[newline] = next === -1 ? 0x20 : 0x2c
    newline = next
  }
  return body
}

/** The records of a batch as objects, for a `send` without `sendBody`. */
function recordsOf(batch: readonly Chunk[]): SpendRecord[] {
  const records: SpendRecord[] = []
  for (const piece of batch) {
    for (const line of piece.data.toString('utf8').split('\n')) {
      if (line !== '') records.push(JSON.parse(line) as SpendRecord)
    }
  }
  return records
}

/**
 * Opens the spool: claims this process's directory, adopts directories of dead processes (a
 * SIGKILLed gateway's unacknowledged records are shipped by the next one; the control plane's
 * idempotency per request id and command makes a resend harmless), and starts shipping.
 * Appends are coalesced into one write per `flushIntervalMs`; a segment is fsynced when sealed,
 * on the thread pool, and shipped from memory (a segment adopted or past the in-memory cap is
 * read back from disk).
 *
 * @example
 * const spool = createSpendSpool({ directory: '/var/lib/gateway/spool', podId: 'gw-a',
 *   send: (records) => client.sendSpendCommands(records) })
 * spool.append('admitSpend', { gateway_request_id: 'req_1', estimated_cost_micro_usd: 2_000 })
 */
export function createSpendSpool(options: SpendSpoolOptions): SpendSpool {
  const now = options.now ?? Date.now
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024
  const segmentMaxBytes = options.segmentMaxBytes ?? 1024 * 1024
  const batchSize = Math.min(options.batchSize ?? MAX_SPEND_RECORDS, MAX_SPEND_RECORDS)
  const shipIntervalMs = options.shipIntervalMs ?? 1_000
  const flushIntervalMs = options.flushIntervalMs ?? 50
  const initialBackoffMs = options.initialBackoffMs ?? 250
  const maxBackoffMs = options.maxBackoffMs ?? 30_000
  const directory = claimProcessDirectory(options.directory, options.podId, now())
  const stats: SpendSpoolStats = { pendingBytes: 0, dropped: 0, shipped: 0, rejected: 0, failures: 0 }
  const queue: QueuedSegment[] = []
  const adopted = new Map<string, number>()
  for (const orphan of findOrphanDirectories(options.directory, directory)) {
    const segments = listSegments(orphan)
    adopted.set(orphan, segments.length)
    for (const segment of segments) {
      queue.push({ path: segment.path, bytes: segment.bytes, chunks: null, batchesDone: 0 })
      stats.pendingBytes += segment.bytes
    }
    if (segments.length === 0) removeDirectory(orphan)
  }

  let seq = 0
  let podSeq = 0
  let active: { fd: number; path: string; bytes: number; chunks: Chunk[] } | null = null
  let inMemoryBytes = 0
  // Seals run one after another, so segments join the queue in the order they were written.
  let sealing: Promise<void> = Promise.resolve()
  let buffer: string[] = []
  let bufferedBytes = 0
  let flushScheduled = false
  let flushTimer: NodeJS.Timeout | null = null
  let shipping: Promise<void> | null = null
  let backoffMs = 0
  let retryTimer: NodeJS.Timeout | null = null
  let closed = false

  const report = (error: unknown): void => {
    try {
      options.onShipError?.(error)
    } catch {
      // a reporting hook never breaks the spool
    }
  }

  // Runs from a timer (or inline past FLUSH_AT_BYTES): a disk error must not become an uncaught exception, so the lines
  // it could not write are counted as dropped and reported.
  const flush = (): void => {
    flushScheduled = false
    if (flushTimer !== null) {
      clearTimeout(flushTimer)
      flushTimer = null
    }
    if (buffer.length === 0) return
    const lines = buffer
    // Kept as written, off the JS heap: line strings held until acknowledged (a second or
    // more) would be copied into the old generation by every young collection on the way.
    // `join` copies each line without flattening it first (see `appendEncoded`).
    const data = Buffer.from(lines.join(''), 'utf8')
    // Appends counted UTF-16 units, never more than the UTF-8 bytes: the count is exact from here.
    stats.pendingBytes += data.length - bufferedBytes
    buffer = []
    bufferedBytes = 0
    try {
      if (active === null) {
        seq += 1
        active = { ...openSegment(directory, seq), bytes: 0, chunks: [] }
      }
      for (let written = 0; written < data.length; ) written += writeSync(active.fd, data, written)
      active.bytes += data.length
      active.chunks.push({ data, lines: lines.length })
      if (active.bytes >= segmentMaxBytes) seal()
    } catch (error) {
      stats.dropped += lines.length
      stats.pendingBytes -= data.length
      report(error)
    }
  }

  const scheduleFlush = (): void => {
    if (bufferedBytes >= FLUSH_AT_BYTES) {
      flush()
      return
    }
    if (flushScheduled) return
    flushScheduled = true
    if (flushIntervalMs <= 0) {
      setImmediate(flush)
      return
    }
    flushTimer = setTimeout(flush, flushIntervalMs)
    flushTimer.unref()
  }

  const seal = (): void => {
    if (active === null) return
    const segment = active
    active = null
    sealing = sealing.then(async () => {
      let path = segment.path
      try {
        path = await sealSegment(segment.fd, segment.path)
      } catch (error) {
        report(error) // still shipped under its open name; only the fsync guarantee is lost
      }
      const keep = inMemoryBytes + segment.bytes <= IN_MEMORY_MAX_BYTES
      if (keep) inMemoryBytes += segment.bytes
      queue.push({ path, bytes: segment.bytes, chunks: keep ? segment.chunks : null, batchesDone: 0 })
    })
  }

  const acknowledge = async (segment: QueuedSegment): Promise<void> => {
    await deleteSegment(segment.path)
    stats.pendingBytes -= segment.bytes
    if (segment.chunks !== null) inMemoryBytes -= segment.bytes
    const owner = dirname(segment.path)
    const left = adopted.get(owner)
    if (left === undefined) return
    if (left <= 1) {
      adopted.delete(owner)
      removeDirectory(owner)
    } else adopted.set(owner, left - 1)
  }

  const sendBatch = (batch: Chunk[]): Promise<SpendCommandsResponse> =>
    options.sendBody !== undefined ? options.sendBody(recordsBody(batch)) : options.send(recordsOf(batch))

  const chunksOf = (segment: QueuedSegment): Chunk[] => {
    if (segment.chunks !== null) return segment.chunks
    const lines = readSegmentLines(segment.path)
    return lines.length === 0
      ? []
      : [{ data: Buffer.from(`${lines.join('\n')}\n`, 'utf8'), lines: lines.length }]
  }

  const shipSegment = async (segment: QueuedSegment): Promise<void> => {
    const batches = batchesOf(chunksOf(segment), batchSize)
    for (let index = segment.batchesDone; index < batches.length; index += 1) {
      const answer = await sendBatch(batches[index]!)
      stats.shipped += answer.accepted
      stats.rejected += answer.rejected.length
      segment.batchesDone += 1
    }
    await acknowledge(segment)
  }

  const shipAll = async (): Promise<void> => {
    try {
      await sealing
      while (queue.length > 0) {
        await shipSegment(queue[0]!)
        queue.shift()
      }
      backoffMs = 0
    } catch (error) {
      stats.failures += 1
      backoffMs = backoffMs === 0 ? initialBackoffMs : Math.min(backoffMs * 2, maxBackoffMs)
      report(error)
      if (!closed && retryTimer === null) {
        retryTimer = setTimeout(() => {
          retryTimer = null
          void ship()
        }, backoffMs)
        retryTimer.unref()
      }
    }
  }

  const ship = (): Promise<void> => {
    if (shipping !== null) return shipping
    flush()
    seal()
    shipping = shipAll().finally(() => {
      shipping = null
    })
    return shipping
  }

  // A round in flight sealed its segments before the latest appends: `shipNow` then waits for it
  // and ships one more round (shared by every caller meanwhile), so what was appended before the
  // call is shipped when it resolves. The timer does not queue rounds.
  let followUp: Promise<void> | null = null
  const shipNow = (): Promise<void> => {
    if (shipping === null) return ship()
    followUp ??= shipping.then(() => {
      followUp = null
      return closed ? undefined : ship()
    })
    return followUp
  }

  const timer = setInterval(() => {
    if (retryTimer === null) void ship()
  }, shipIntervalMs)
  timer.unref()

  // The record's fixed parts, serialised once: a line is `{"command":…,"payload":…,"pod_id":…,"pod_seq":n}`.
  const suffix = `,"pod_id":${JSON.stringify(options.podId)},"pod_seq":`
  const prefixes = {
    admitSpend: '{"command":"admitSpend","payload":',
    confirmSpend: '{"command":"confirmSpend","payload":',
    failSpend: '{"command":"failSpend","payload":',
  } satisfies Record<SpendCommandName, string>

  const appendEncoded = (command: SpendCommandName, payloadJson: string): boolean => {
    podSeq += 1
    const line = `${prefixes[command]}${payloadJson}${suffix}${podSeq}}\n`
    // The line's length in UTF-16 units, not `Buffer.byteLength`: measuring the UTF-8 bytes of a
    // concatenated string flattens it into a copy first (≈ 560 B of garbage per record). The units
    // are the bytes for ASCII and never more than them; `flush` replaces the count with the exact
    // bytes within `flushIntervalMs`, so the cap can be passed by at most what one flush holds.
    const bytes = line.length
    if (closed || stats.pendingBytes + bytes > maxBytes) {
      stats.dropped += 1
      return false
    }
    stats.pendingBytes += bytes
    bufferedBytes += bytes
    buffer.push(line)
    scheduleFlush()
    return true
  }

  return {
    directory,
    append: (command, payload) => appendEncoded(command, JSON.stringify(payload)),
    appendEncoded,
    shipNow,
    stats: () => ({ ...stats }),
    async close() {
      closed = true
      clearInterval(timer)
      if (retryTimer !== null) clearTimeout(retryTimer)
      if (shipping !== null) await shipping
      flush()
      seal()
      await sealing
    },
  }
}
