// Writes a reply to the socket, applying the stream behaviours: chunk delays, cuts, in-stream errors, split UTF-8.
import type { ServerResponse } from 'node:http'
import type { ResolvedBehaviour } from './behaviours.js'
import type { MockReply } from './exchange.js'
import { splitMidCharacter } from './split-utf8.js'

/** Runs a callback later; the server cancels pending ones when it closes. */
export type Schedule = (delayMs: number, run: () => void) => void

function toBytes(piece: string | Uint8Array): Uint8Array {
  return typeof piece === 'string' ? Buffer.from(piece) : piece
}

function joinFrames(frames: Array<string | Uint8Array>): string | Buffer {
  if (frames.every((frame) => typeof frame === 'string')) return (frames as string[]).join('')
  return Buffer.concat(frames.map(toBytes))
}

/** Destroys the socket once what was written has been handed to the kernel. */
function destroyAfterFlush(response: ServerResponse): void {
  const socket = response.socket
  if (!socket) return
  socket.write('', () => socket.destroy())
}

function isGone(response: ServerResponse): boolean {
  return response.destroyed || response.writableEnded || !response.socket || response.socket.destroyed
}

/** The pieces to write, in order, and how the response ends. */
function planWrites(
  reply: MockReply,
  behaviour: ResolvedBehaviour,
): { pieces: Array<string | Uint8Array>; cut: boolean } {
  if (!('frames' in reply)) {
    if (behaviour.failAfterChunks === undefined) return { pieces: [reply.body], cut: false }
    // A whole body "fails after N chunks" by sending only its first half.
    const bytes = toBytes(reply.body)
    return { pieces: behaviour.failAfterChunks > 0 ? [bytes.subarray(0, bytes.length >> 1)] : [], cut: true }
  }
  let pieces = reply.frames
  if (behaviour.streamErrorAfterChunks !== undefined) {
    const sent = pieces.slice(0, behaviour.streamErrorAfterChunks)
    pieces = [...sent, reply.streamError(sent.length)]
  }
  if (behaviour.failAfterChunks !== undefined)
    return { pieces: pieces.slice(0, behaviour.failAfterChunks), cut: true }
  return { pieces, cut: false }
}

/**
 * Sends a reply. Without delays or behaviours a stream goes out in one write (cheapest for
 * benchmarks); with a chunk delay each frame is its own write; `splitUtf8` re-cuts the bytes
 * mid-character; `failAfterChunks` destroys the socket after the allowed frames.
 *
 * @example
 * sendReply(response, reply, resolvedBehaviour, 0, schedule)
 */
export function sendReply(
  response: ServerResponse,
  reply: MockReply,
  behaviour: ResolvedBehaviour,
  chunkDelayMs: number,
  schedule: Schedule,
): void {
  const headers = behaviour.headers ? { ...reply.headers, ...behaviour.headers } : reply.headers
  let { pieces, cut } = planWrites(reply, behaviour)
  const delay = behaviour.chunkDelayMs ?? ('frames' in reply ? chunkDelayMs : 0)
  if (!cut && !behaviour.splitUtf8 && delay === 0) {
    if ('body' in reply) {
      // Complete bodies carry a length, as the providers' non-streaming answers do.
      response.writeHead(reply.status, { ...headers, 'content-length': Buffer.byteLength(reply.body) })
      response.end(reply.body)
    } else {
      response.writeHead(reply.status, headers)
      response.end(joinFrames(pieces))
    }
    return
  }
  response.writeHead(reply.status, headers)
  if (behaviour.splitUtf8) pieces = splitMidCharacter(toBytes(joinFrames(pieces)))
  const gap = behaviour.splitUtf8 ? Math.max(delay, 1) : delay
  response.flushHeaders()
  let index = 0
  const writeNext = (): void => {
    if (isGone(response)) return
    if (index >= pieces.length) {
      if (cut) destroyAfterFlush(response)
      else response.end()
      return
    }
    response.write(pieces[index++] as string | Uint8Array)
    if (gap > 0) schedule(gap, writeNext)
    else writeNext()
  }
  writeNext()
}
