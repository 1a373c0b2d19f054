// Sliding-window bookkeeping for stream guardrails: what is held back, what is checked, what is released.

/** Options of {@link StreamWindow}. */
export interface StreamWindowOptions {
  /** Characters of unchecked text that trigger a check (default 256). */
  windowChars?: number
  /** Characters of already-checked text prepended to each window, so a match across two windows is found (default 64). */
  overlapChars?: number
  /** Every how many windows the asynchronous (remote) evaluators run as well (default 4). */
  remoteEvery?: number
}

/** One window to evaluate. */
export interface WindowCheck {
  /** The overlap tail of checked text plus the unchecked text. */
  text: string
  /** Characters at the start of `text` that were checked (and released) before. */
  overlap: number
  /** Characters of the whole stream up to the end of this window. */
  totalChars: number
  /** True when the remote evaluators should run on this window too. */
  remote: boolean
}

/**
 * Tracks the text of a stream for guardrails. The caller holds back the bytes of the events
 * whose text is unchecked; once `append` returns a window, it evaluates it and, if allowed,
 * releases the held bytes. So nothing reaches the client unchecked, and the first byte waits at
 * most one window.
 *
 * @example
 * const window = new StreamWindow({ windowChars: 256 })
 * const check = window.append(delta) // a WindowCheck once 256 characters are pending
 * const last = window.flush()         // the remainder at the end of the stream
 */
export class StreamWindow {
  readonly #windowChars: number
  readonly #overlapChars: number
  readonly #remoteEvery: number
  #checkedTail = ''
  #pending = ''
  #total = 0
  #windows = 0
  #whole: string[] = []

  constructor(options: StreamWindowOptions = {}) {
    this.#windowChars = Math.max(1, options.windowChars ?? 256)
    this.#overlapChars = Math.max(0, options.overlapChars ?? 64)
    this.#remoteEvery = Math.max(1, options.remoteEvery ?? 4)
  }

  /** Characters appended and not yet checked. */
  get pendingChars(): number {
    return this.#pending.length
  }

  /** Adds text; returns the window to check when enough is pending, else undefined. */
  append(text: string): WindowCheck | undefined {
    if (text === '') return undefined
    this.#pending += text
    this.#total += text.length
    this.#whole.push(text)
    return this.#pending.length >= this.#windowChars ? this.#take() : undefined
  }

  /** The window of whatever is pending at the end of the stream, or undefined when none is. */
  flush(): WindowCheck | undefined {
    return this.#pending === '' ? undefined : this.#take()
  }

  /**
   * Records that the last window was modified to `text` (overlap included): the next window's
   * overlap is taken from what the client received, so it lines up with the modified text.
   */
  acceptModified(text: string): void {
    this.#checkedTail = this.#overlapChars === 0 ? '' : text.slice(-this.#overlapChars)
  }

  /** The whole text of the stream so far, as received from upstream (for the final check). */
  wholeText(): string {
    if (this.#whole.length > 1) this.#whole = [this.#whole.join('')]
    return this.#whole[0] ?? ''
  }

  #take(): WindowCheck {
    const overlap = this.#checkedTail.length
    const text = this.#checkedTail + this.#pending
    this.#windows++
    this.#checkedTail = this.#overlapChars === 0 ? '' : text.slice(-this.#overlapChars)
    this.#pending = ''
    return { text, overlap, totalChars: this.#total, remote: this.#windows % this.#remoteEvery === 0 }
  }
}
