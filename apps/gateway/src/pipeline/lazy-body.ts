// The request body as "read body" leaves it: raw bytes, top-level facts from a byte scan, and a parse done on first use.
import { parseJsonObject } from '@gw/contract'
import { type ClientApi, type ScannedRequest, scannedFromParsed, scanRequest } from '@gw/providers'
import type { RequestBody } from './request-state.js'

/**
 * A {@link RequestBody} whose `parsed` is computed on first access, once, and shared by every
 * step that reads it (policy, guardrails, cache control, budgets' estimate, translation). A
 * same-shape passthrough of a key without those steps never parses: routing reads `scanned`.
 *
 * @example
 * const body = new LazyRequestBody(raw, scanRequest('openai-chat', raw))
 * body.scanned.model // read from the bytes
 * body.parsed // JSON.parse now, once
 */
export class LazyRequestBody implements RequestBody {
  raw: Buffer
  readonly scanned: ScannedRequest
  #parsed: Record<string, unknown> | undefined = undefined

  /** `scanned` undefined (the scan could not read the bytes): parses now, throwing the 400 at once. */
  constructor(raw: Buffer, scanned: ScannedRequest | undefined) {
    this.raw = raw
    this.scanned = scanned ?? scannedFromParsed(this.parsed)
  }

  /** The body parsed as a JSON object; throws 400 `invalid_json` / `bad_request` on first access. */
  get parsed(): Record<string, unknown> {
    if (this.#parsed === undefined) this.#parsed = parseJsonObject(this.raw)
    return this.#parsed
  }
}

/**
 * Builds the body of a request to `api`: scans its bytes, and parses at once only when the scan
 * cannot read them (so invalid JSON at the top level is still a 400 `invalid_json` here).
 *
 * @example
 * state.body = createRequestBody('anthropic-messages', raw)
 */
export function createRequestBody(api: ClientApi, raw: Buffer): LazyRequestBody {
  return new LazyRequestBody(raw, scanRequest(api, raw))
}
