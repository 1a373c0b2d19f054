// A request body whose full parse is observable: tests of steps that should read the byte scan instead.
import { createRequestBody } from '../pipeline/lazy-body.js'
import type { RequestBody } from '../pipeline/request-state.js'

/**
 * The chat request body of `json` (scanned like the gateway's), counting the reads of `parsed`
 * in `counter.parses`; `raw` can be replaced, as a guardrail's redaction does.
 *
 * @example
 * const { body, counter } = watchedBody('{"model":"m","messages":[],"user":"u-1"}')
 * resolveEndUser(governance, key, {}, body)
 * expect(counter.parses).toBe(0)
 */
export function watchedBody(json: string): { body: RequestBody; counter: { parses: number } } {
  const body = createRequestBody('openai-chat', Buffer.from(json))
  const counter = { parses: 0 }
  const watched: RequestBody = {
    get raw() {
      return body.raw
    },
    set raw(raw) {
      body.raw = raw
    },
    get scanned() {
      return body.scanned
    },
    get parsed() {
      counter.parses += 1
      return body.parsed
    },
  }
  return { body: watched, counter }
}
