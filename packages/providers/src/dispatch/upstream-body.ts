// What goes upstream: one buffer, or a large spliced body as its pieces, sent without joining them.

/**
 * The body of an upstream call. A large body whose top-level fields the gateway set (a model
 * alias, `stream_options`) is sent as its pieces in order: the client's bytes by reference and
 * the few edited bytes between them, so a 200 KB request is not copied into a second 200 KB
 * buffer (an allocation the garbage collector pays for again).
 */
export type UpstreamBody = Buffer | readonly Buffer[]

/**
 * The number of bytes of `body`.
 *
 * @example
 * upstreamBodyLength([Buffer.from('{"a":'), Buffer.from('1}')]) // → 7
 */
export function upstreamBodyLength(body: UpstreamBody): number {
  if (Buffer.isBuffer(body)) return body.length
  let length = 0
  for (const part of body) length += part.length
  return length
}

/**
 * `body` as one buffer (a signature over the payload needs it whole).
 *
 * @example
 * wholeBody([Buffer.from('{"a":'), Buffer.from('1}')]).toString() // → '{"a":1}'
 */
export function wholeBody(body: UpstreamBody): Buffer
export function wholeBody(body: UpstreamBody | undefined): Buffer | undefined
export function wholeBody(body: UpstreamBody | undefined): Buffer | undefined {
  return body === undefined || Buffer.isBuffer(body) ? body : Buffer.concat(body)
}

/**
 * Request headers for `body`: a body in pieces goes to undici as an iterable, which undici would
 * send with `transfer-encoding: chunked`; its `content-length` is stated instead, so the upstream
 * sees the same framing as for one buffer (whose length undici states itself).
 *
 * @example
 * headersForBody(['content-type', 'application/json'], [Buffer.from('{}')])
 * // → ['content-type', 'application/json', 'content-length', '2']
 */
export function headersForBody(headers: string[], body: UpstreamBody | undefined): string[] {
  if (body === undefined || Buffer.isBuffer(body)) return headers
  return [...headers, 'content-length', String(upstreamBodyLength(body))]
}
