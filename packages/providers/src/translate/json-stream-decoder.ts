// Shared push/end shell for stream decoders whose SSE `data` is one JSON object per event.
import type { CanonicalStreamPart } from '../canonical/types.js'
import { isRecord } from './json.js'
import { type StreamDecoder, streamCutShort } from './stream-types.js'

/** Per-stream flag the wire's handler sets once it has emitted its terminal part. */
export interface StreamFinishState {
  finished: boolean
}

/**
 * Wraps a wire's per-event handler: skips events after the end and unparsable or non-object data,
 * and reports a stream cut short when the upstream closes before `state.finished` was set.
 *
 * @example
 * const state = { finished: false }
 * const decoder = createJsonStreamDecoder(state, (data) => (data.done ? ((state.finished = true), []) : []))
 */
export function createJsonStreamDecoder(
  state: StreamFinishState,
  onRecord: (data: Record<string, unknown>) => CanonicalStreamPart[],
): StreamDecoder {
  return {
    push(event) {
      if (state.finished) return []
      let data: unknown
      try {
        data = JSON.parse(event.data)
      } catch {
        return []
      }
      return isRecord(data) ? onRecord(data) : []
    },
    end() {
      if (state.finished) return []
      state.finished = true
      return [{ type: 'error', ...streamCutShort }]
    },
  }
}
