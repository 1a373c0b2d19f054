// Bounds the bytes being decompressed at once across all requests (a counting semaphore on bytes).
import { GatewayError } from '@gw/contract'

/**
 * A shared allowance of decoded request-body bytes. Each body being decompressed takes its
 * decoded bytes from it as they arrive and gives them back when its read ends (success or
 * failure), so a burst of compressed bodies cannot grow memory past `maxBytes`, whatever their
 * compression ratio. Uncompressed bodies do not use it: their size is capped by the raw byte count.
 *
 * @example
 * const budget = new DecodeBudget(128 * 1024 * 1024)
 * if (!budget.tryTake(chunk.length)) throw budget.overloaded()
 * budget.give(taken)
 */
export class DecodeBudget {
  readonly maxBytes: number
  #inUse = 0

  constructor(maxBytes: number) {
    if (!Number.isInteger(maxBytes) || maxBytes < 1)
      throw new RangeError('DecodeBudget: maxBytes must be a positive integer')
    this.maxBytes = maxBytes
  }

  /** Bytes currently held by bodies being decoded. */
  get inUse(): number {
    return this.#inUse
  }

  /** Takes `bytes` if they fit; false (and nothing taken) when the budget is exhausted. */
  tryTake(bytes: number): boolean {
    if (this.#inUse + bytes > this.maxBytes) return false
    this.#inUse += bytes
    return true
  }

  /** Gives back bytes taken earlier. */
  give(bytes: number): void {
    this.#inUse = Math.max(0, this.#inUse - bytes)
  }

  /** The 503 a request gets when its body would not fit: retry in a second. */
  overloaded(): GatewayError {
    return new GatewayError(
      'overloaded',
      `The gateway is decompressing ${this.maxBytes} bytes of request bodies already; retry shortly, send the body uncompressed, or raise SERVER_MAX_DECODING_BYTES`,
      { retryAfter: 1, meta: { limit_bytes: this.maxBytes } },
    )
  }
}
