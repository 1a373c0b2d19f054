// Incremental SSE scanner over raw bytes: observes events on the side, optionally gating event bytes.

/** Called per complete event with `data` lines joined; return true to drop the event (gated mode). */
export type SseEventHandler = (event: string | undefined, data: string) => boolean

/** Receives bytes the gated scanner lets through, in order. */
export type SseWrite = (bytes: Buffer) => void

/** Options for {@link SseScanner}. */
export interface SseScannerOptions {
  /** Largest single event observed (bytes); beyond it observation stops, bytes still flow. Default 1 MiB. */
  maxEventBytes?: number
}

const LF = 10
const CR = 13
const COLON = 58
const SPACE = 32

/**
 * Splits an SSE byte stream into events without copying what it does not need: lines are
 * decoded only once complete, so UTF-8 sequences and events split across TCP chunks arrive
 * whole. `push` only observes; `pushGated` also writes every byte except dropped events,
 * holding back the bytes of the event in progress until it completes.
 *
 * @example
 * const scanner = new SseScanner((event, data) => { console.log(event, data); return false })
 * scanner.push(Buffer.from('event: ping\ndata: {}\n\n'))
 */
export class SseScanner {
  /** True once an event outgrew the cap: nothing more is observed or held. */
  disabled = false
  private readonly onEvent: SseEventHandler
  private readonly maxEventBytes: number
  /** Bytes of a line split across chunks, copied into one reusable buffer. */
  private partial: Buffer = Buffer.allocUnsafe(0)
  private partialLength = 0
  private eventName: string | undefined = undefined
  private data: string | undefined = undefined
  private eventBytes = 0
  private pendingCR = false
  private held: Buffer[] = []
  /** Gated mode: the chunk being scanned, where its unwritten bytes start, where the last event ended. */
  private chunk: Buffer | undefined = undefined
  private writeFrom = 0
  private boundary = 0

  constructor(onEvent: SseEventHandler, options: SseScannerOptions = {}) {
    this.onEvent = onEvent
    this.maxEventBytes = options.maxEventBytes ?? 1024 * 1024
  }

  /** Whether bytes of an unfinished event have already gone out (observe mode). */
  get midEvent(): boolean {
    return this.disabled || this.eventBytes > 0 || this.partialLength > 0
  }

  /** Observes one chunk; the caller forwards the bytes itself. */
  push(chunk: Buffer): void {
    if (!this.disabled) this.scan(chunk)
  }

  /** Observes one chunk and writes, through `write`, every byte except those of dropped events. */
  pushGated(chunk: Buffer, write: SseWrite): void {
    if (this.disabled) {
      write(chunk)
      return
    }
    this.chunk = chunk
    this.writeFrom = 0
    this.boundary = 0
    this.scan(chunk, write)
    this.chunk = undefined
    if (this.disabled) {
      this.flushHeld(write)
      if (this.writeFrom < chunk.length) write(chunk.subarray(this.writeFrom))
      return
    }
    if (this.boundary > this.writeFrom) write(chunk.subarray(this.writeFrom, this.boundary))
    if (this.boundary < chunk.length) this.held.push(chunk.subarray(this.boundary))
  }

  /** Writes the bytes of a trailing unfinished event (gated mode, at end of stream). */
  flushHeld(write: SseWrite): void {
    for (const bytes of this.held) write(bytes)
    this.held = []
  }

  /** Forgets the held bytes of an unfinished event, so an error event can follow cleanly. */
  discardHeld(): void {
    this.held = []
  }

  private scan(chunk: Buffer, write?: SseWrite): void {
    const length = chunk.length
    let position = 0
    if (this.pendingCR) {
      this.pendingCR = false
      if (chunk[0] === LF) position = 1
    }
    let nextCR = chunk.indexOf(CR, position)
    while (position < length) {
      let end = chunk.indexOf(LF, position)
      if (nextCR !== -1 && nextCR < position) nextCR = chunk.indexOf(CR, position)
      let next = end + 1
      if (nextCR !== -1 && (end === -1 || nextCR < end)) {
        end = nextCR
        if (end + 1 === length) this.pendingCR = true
        next = chunk[end + 1] === LF ? end + 2 : end + 1
      }
      if (end === -1) {
        this.holdLinePart(chunk, position, length)
        return
      }
      if (this.partialLength > 0) {
        this.holdLinePart(chunk, position, end)
        const length = this.partialLength
        this.partialLength = 0
        if (!this.disabled) this.readLine(this.partial, 0, length, next, write)
      } else {
        this.readLine(chunk, position, end, next, write)
      }
      if (this.disabled) return
      position = next
    }
  }

  /** Appends `chunk[start, end)` to the split-line buffer (a copy: views would pin socket chunks). */
  private holdLinePart(chunk: Buffer, start: number, end: number): void {
    const needed = this.partialLength + end - start
    if (this.eventBytes + needed > this.maxEventBytes) {
      this.disable()
      return
    }
    if (needed > this.partial.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.partial.length * 2, 256))
      this.partial.copy(grown, 0, 0, this.partialLength)
      this.partial = grown
    }
    this.partialLength += chunk.copy(this.partial, this.partialLength, start, end)
  }

  private readLine(line: Buffer, start: number, end: number, next: number, write?: SseWrite): void {
    if (start === end) {
      this.dispatch(next, write)
      return
    }
    this.eventBytes += end - start
    if (this.eventBytes > this.maxEventBytes) {
      this.disable()
      return
    }
    if (line[start] === COLON) return
    let colon = line.indexOf(COLON, start)
    if (colon === -1 || colon > end) colon = end
    let valueStart = colon + 1
    if (line[valueStart] === SPACE) valueStart++
    if (valueStart > end) valueStart = end
    const nameLength = colon - start
    if (nameLength === 4 && isData(line, start)) {
      const value = line.toString('utf8', valueStart, end)
      this.data = this.data === undefined ? value : `${this.data}\n${value}`
    } else if (nameLength === 5 && isEvent(line, start)) {
      this.eventName = line.toString('utf8', valueStart, end)
    }
  }

  private dispatch(next: number, write?: SseWrite): void {
    const drop = this.data === undefined ? false : this.onEvent(this.eventName, this.data)
    this.eventName = undefined
    this.data = undefined
    this.eventBytes = 0
    if (write === undefined) return
    if (drop) {
      // The dropped event started at `boundary`: send what precedes it, skip the rest.
      this.held = []
      if (this.boundary > this.writeFrom)
        write((this.chunk as Buffer).subarray(this.writeFrom, this.boundary))
      this.writeFrom = next
    } else if (this.held.length > 0) {
      this.flushHeld(write)
    }
    this.boundary = next
  }

  private disable(): void {
    this.disabled = true
    this.partial = Buffer.allocUnsafe(0)
    this.partialLength = 0
    this.data = undefined
  }
}

function isData(line: Buffer, start: number): boolean {
  return line[start] === 100 && line[start + 1] === 97 && line[start + 2] === 116 && line[start + 3] === 97
}

function isEvent(line: Buffer, start: number): boolean {
  return (
    line[start] === 101 &&
    line[start + 1] === 118 &&
    line[start + 2] === 101 &&
    line[start + 3] === 110 &&
    line[start + 4] === 116
  )
}
