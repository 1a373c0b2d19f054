// Finds where SSE events end in a byte stream (a blank line), across chunk boundaries.

const LF = 10
const CR = 13

/**
 * Tracks SSE event boundaries incrementally: `push` each chunk in order; `lengths` lists the byte
 * length of every complete event so far (its blank line included), `pending` the bytes of the
 * event in progress. A blank line is two line ends in a row (`\n\n`, `\r\n\r\n`, `\n\r\n`).
 *
 * @example
 * const boundaries = new EventBoundaries()
 * boundaries.push(Buffer.from('data: 1\n\nda'))
 * boundaries.lengths // [9]; boundaries.pending // 2
 */
export class EventBoundaries {
  readonly lengths: number[] = []
  pending = 0
  #lineEnds = 0

  push(chunk: Uint8Array): void {
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index]
      this.pending++
      if (byte === LF) {
        this.#lineEnds++
        if (this.#lineEnds === 2) {
          this.lengths.push(this.pending)
          this.pending = 0
          this.#lineEnds = 0
        }
      } else if (byte !== CR) {
        this.#lineEnds = 0
      }
    }
  }
}
