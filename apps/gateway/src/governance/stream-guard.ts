// Holds a stream's events back window by window while guardrails check their text; ends a blocked stream with the wire's error event.
import type { GatewayError } from '@gw/contract'
import {
  type CompiledGuardrail,
  formatGuardrailStreamError,
  type GuardrailOutcome,
  outcomeError,
  type RemoteGuardrailCheck,
  readTextDelta,
  runGuardrails,
  StreamWindow,
  type StreamWire,
  type WindowCheck,
  writeTextDelta,
} from '@gw/guardrails'
import type { ResponseSink } from '@gw/providers'
import { eventEnd, parseSseEvent, rebuildSseEvent, type SseEvent } from './sse-events.js'

/** Options of {@link StreamGuard}. */
export interface StreamGuardOptions {
  wire: StreamWire
  /** `stream_chunk` guardrails: run on every window, and on the whole text at the end. */
  chunk: readonly CompiledGuardrail[] | undefined
  /** `post` guardrails: run once on the whole text before the stream's last events. */
  post: readonly CompiledGuardrail[] | undefined
  windowChars: number
  remoteEvery: number
  chunkTimeoutMs: number
  postTimeoutMs: number
  remote: RemoteGuardrailCheck
  /** Told when a window or the end was blocked or failed (for logs). */
  onBlocked?: (error: GatewayError) => void
  /** Counts an outcome: windows that were not a plain allow, and every final check. */
  record?: (stage: 'stream_chunk' | 'post', outcome: GuardrailOutcome) => void
}

/** Characters of checked text prepended to each window, so a match across two windows is found. */
const overlapChars = 64

interface HeldEvent extends SseEvent {
  text: string | undefined
}

/**
 * Observes the bytes of an SSE response on their way to the client. Events are parsed as they
 * complete (UTF-8 and events split across chunks are fine); their answer text feeds a
 * {@link StreamWindow}. With `stream_chunk` guardrails, events are held until the window holding
 * their text is checked, so the client never sees unchecked text and waits at most one window;
 * a `modify` rewrites the held deltas. Without them, text events pass at once and only the
 * trailing events wait for the final check. A block writes the wire's error event
 * (`guardrail_blocked`) and ends the stream.
 *
 * @example
 * const guard = new StreamGuard(sink, { wire: 'openai-chat', chunk, post, … })
 * guard.push(bytes); await guard.end()
 */
export class StreamGuard {
  readonly #sink: ResponseSink
  readonly #options: StreamGuardOptions
  readonly #window: StreamWindow
  readonly #decoder = new TextDecoder()
  #tail = ''
  #held: HeldEvent[] = []
  /** Absolute index of `#held[0]`. */
  #first = 0
  #chain: Promise<void> = Promise.resolve()
  #closed = false
  /** The end of the text as the client received it, prepended to the next window. */
  #checkedTail = ''
  #writable = true

  constructor(sink: ResponseSink, options: StreamGuardOptions) {
    this.#sink = sink
    this.#options = options
    // The overlap is kept here, not by the window: windows are cut before earlier ones are
    // checked, and a modified window must lend its modified tail to the next one.
    this.#window = new StreamWindow({
      windowChars: options.windowChars,
      remoteEvery: options.remoteEvery,
      overlapChars: 0,
    })
  }

  /**
   * False while the client's response is full (its last write returned false): the forwarder
   * then waits for `drain`, so a slow client still slows the upstream read.
   */
  get writable(): boolean {
    return this.#writable
  }

  /** Takes a chunk of the upstream response. */
  push(chunk: Uint8Array | string): void {
    if (this.#closed) return
    this.#tail += typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true })
    for (let end = eventEnd(this.#tail); end !== -1; end = eventEnd(this.#tail)) {
      this.#onEvent(this.#tail.slice(0, end))
      this.#tail = this.#tail.slice(end)
    }
  }

  /** Ends the stream after the last window and the final check; resolves once the client's response ended. */
  end(chunk?: Uint8Array | string): Promise<void> {
    if (chunk !== undefined) this.push(chunk)
    this.#tail += this.#decoder.decode()
    if (this.#tail !== '') this.#onEvent(this.#tail)
    this.#tail = ''
    const last = this.#options.chunk === undefined ? undefined : this.#window.flush()
    const upTo = this.#first + this.#held.length
    this.#chain = this.#chain
      .then(() => (last === undefined ? undefined : this.#checkWindow(last, upTo)))
      .then(() => this.#finalCheck())
      .then(() => {
        if (this.#closed) return
        this.#release(this.#first + this.#held.length)
        this.#closed = true
        this.#sink.end()
      })
    return this.#chain
  }

  #onEvent(raw: string): void {
    const event = parseSseEvent(raw)
    const text = event.data === undefined ? undefined : readTextDelta(this.#options.wire, event.data)
    this.#held.push({ ...event, text })
    if (text === undefined || text === '') return
    if (this.#options.chunk === undefined) {
      // No window checks: everything up to this text event goes now; trailing events wait for the end.
      this.#schedule(this.#first + this.#held.length, undefined)
      this.#window.append(text)
      return
    }
    const check = this.#window.append(text)
    if (check !== undefined) this.#schedule(this.#first + this.#held.length, check)
  }

  #schedule(upTo: number, check: WindowCheck | undefined): void {
    this.#chain = this.#chain.then(() =>
      check === undefined ? this.#release(upTo) : this.#checkWindow(check, upTo),
    )
  }

  async #checkWindow(check: WindowCheck, upTo: number): Promise<void> {
    const list = this.#options.chunk
    if (this.#closed || list === undefined) return
    const overlap = this.#checkedTail.length
    const text = this.#checkedTail + check.text
    const outcome = await runGuardrails(
      list,
      { stage: 'stream_chunk', texts: [text], totalChars: check.totalChars, final: false },
      { timeoutMs: this.#options.chunkTimeoutMs, remote: this.#options.remote, localOnly: !check.remote },
    )
    if (outcome.decision !== 'allow' || outcome.failedOpen.length > 0 || outcome.unavailable !== undefined)
      this.#options.record?.('stream_chunk', outcome)
    const error = outcomeError('stream_chunk', outcome)
    if (error !== undefined) return this.#block(error)
    const seen = outcome.decision === 'modify' ? (outcome.texts[0] ?? '') : text
    if (outcome.decision === 'modify') this.#rewrite(upTo, seen.slice(overlap))
    this.#checkedTail = seen.slice(-overlapChars)
    this.#release(upTo)
  }

  async #finalCheck(): Promise<void> {
    if (this.#closed) return
    const whole = this.#window.wholeText()
    const input = { texts: [whole], totalChars: whole.length, final: true } as const
    const runs: Array<[readonly CompiledGuardrail[] | undefined, 'post' | 'stream_chunk', number]> = [
      [this.#options.chunk, 'stream_chunk', this.#options.chunkTimeoutMs],
      [this.#options.post, 'post', this.#options.postTimeoutMs],
    ]
    for (const [list, stage, timeoutMs] of runs) {
      if (list === undefined) continue
      const outcome = await runGuardrails(
        list,
        { ...input, stage },
        { timeoutMs, remote: this.#options.remote },
      )
      this.#options.record?.(stage, outcome)
      const error = outcomeError(stage, outcome)
      if (error !== undefined) return this.#block(error)
    }
  }

  /** Puts `text` into the first held text event before `upTo` and empties the others. */
  #rewrite(upTo: number, text: string): void {
    let placed = false
    for (let i = 0; i < upTo - this.#first; i++) {
      const event = this.#held[i]!
      if (event.text === undefined || event.data === undefined) continue
      writeTextDelta(this.#options.wire, event.data, placed ? '' : text)
      event.raw = rebuildSseEvent(event, event.data)
      placed = true
    }
  }

  #release(upTo: number): void {
    if (this.#closed || this.#sink.destroyed) return
    const count = upTo - this.#first
    if (count <= 0) return
    const out = this.#held.splice(0, count)
    this.#first = upTo
    this.#writable = this.#sink.write(out.length === 1 ? out[0]!.raw : out.map((event) => event.raw).join(''))
  }

  #block(error: GatewayError): void {
    if (this.#closed) return
    this.#closed = true
    this.#held = []
    this.#options.onBlocked?.(error)
    this.#sink.end(formatGuardrailStreamError(this.#options.wire, error))
  }
}
