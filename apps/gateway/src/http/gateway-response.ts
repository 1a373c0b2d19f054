// The gateway's Node response: headers every answer carries, kept as a list and written in writeHead's one pass.
import {
  type IncomingMessage,
  type OutgoingHttpHeader,
  type OutgoingHttpHeaders,
  ServerResponse,
} from 'node:http'

type HeadersArgument = OutgoingHttpHeaders | OutgoingHttpHeader[] | readonly (string | string[])[] | undefined

/**
 * Headers the gateway adds to a response (request id, `cache-control`, rate limits, budget
 * warnings…), as a flat `[name, value, …]` list with lower-case names. They win over a header of
 * the same name given to `writeHead` (an upstream's own `x-ratelimit-*` included).
 */
export class OwnHeaders {
  /** Flat `[name, value, …]`, lower-case names. */
  readonly list: string[]

  constructor(list: string[] = []) {
    this.list = list
  }

  /** Sets `name` (lower-case) to `value`, replacing an earlier value: the shape of `setHeader`. */
  setHeader(name: string, value: string): this {
    const { list } = this
    for (let index = 0; index < list.length; index += 2) {
      if (list[index] === name) {
        list[index + 1] = value
        return this
      }
    }
    list.push(name, value)
    return this
  }

  /** The value of `name` (lower-case), or undefined. */
  get(name: string): string | undefined {
    const { list } = this
    for (let index = 0; index < list.length; index += 2) if (list[index] === name) return list[index + 1]
    return undefined
  }

  #has(name: string): boolean {
    const { list } = this
    for (let index = 0; index < list.length; index += 2) if (list[index] === name) return true
    return false
  }

  /** `given` (any shape `writeHead` takes) after these headers, without the names these set. */
  merge(given: HeadersArgument): string[] | (string | string[])[] {
    const out: (string | string[])[] = this.list.slice()
    if (given === undefined || given === null) return out
    if (Array.isArray(given)) {
      if (given.length > 0 && Array.isArray(given[0])) {
        for (const pair of given as unknown as [string, string | string[]][]) this.#add(out, pair[0], pair[1])
      } else {
        for (let index = 0; index + 1 < given.length; index += 2)
          this.#add(out, given[index] as string, given[index + 1] as string | string[])
      }
      return out
    }
    for (const name in given) {
      const value = (given as OutgoingHttpHeaders)[name]
      if (value !== undefined) this.#add(out, name, typeof value === 'number' ? String(value) : value)
    }
    return out
  }

  #add(out: (string | string[])[], name: string, value: string | string[]): void {
    if (this.#has(name) || this.#has(name.toLowerCase())) return
    out.push(name, value)
  }
}

/**
 * The response class of the gateway's HTTP server (`createServer({ ServerResponse })`). Node's
 * `setHeader` validates and stores each header in an object, and a later `writeHead` with its own
 * headers then merges the two header by header; a response that only ever gets `writeHead(status,
 * flatList)` skips all of that. So the headers the gateway adds to every answer are collected in
 * {@link GatewayResponse.own} and written by `writeHead` together with the ones it is given —
 * whoever calls it (the provider client, an error writer, Hono, Node's implicit header).
 * `setHeader` still works as before and is merged by Node as usual.
 *
 * @example
 * const server = createServer({ ServerResponse: GatewayResponse }, (incoming, outgoing) => {
 *   ownHeadersOf(outgoing).setHeader('x-request-id', 'req_1')
 *   outgoing.writeHead(200, ['content-type', 'text/plain']).end('ok') // carries x-request-id
 * })
 */
export class GatewayResponse<
  Request extends IncomingMessage = IncomingMessage,
> extends ServerResponse<Request> {
  /** Headers written with whatever `writeHead` is given; null until the listener sets them. */
  own: OwnHeaders | null = null

  override writeHead(
    statusCode: number,
    reasonOrHeaders?: string | HeadersArgument,
    maybeHeaders?: HeadersArgument,
  ): this {
    const own = this.own
    if (typeof reasonOrHeaders === 'string') {
      const headers = own === null ? maybeHeaders : own.merge(maybeHeaders)
      return super.writeHead(statusCode, reasonOrHeaders, headers as OutgoingHttpHeader[])
    }
    const headers = own === null ? reasonOrHeaders : own.merge(reasonOrHeaders)
    return super.writeHead(statusCode, headers as OutgoingHttpHeader[])
  }
}

/**
 * The headers `outgoing` will carry: on a {@link GatewayResponse}, its own list (created on first
 * use); on any other response, the response itself (its `setHeader`).
 *
 * @example
 * ownHeadersOf(outgoing).setHeader('x-langwatch-budget-warning', 'project:85')
 */
export function ownHeadersOf(outgoing: ServerResponse): { setHeader(name: string, value: string): unknown } {
  if (!(outgoing instanceof GatewayResponse) || outgoing.headersSent) return outgoing
  outgoing.own ??= new OwnHeaders()
  return outgoing.own
}

/**
 * A header the response carries or will carry: its own list first, then Node's.
 *
 * @example
 * responseHeader(outgoing, 'x-request-id') // 'req_…'
 */
export function responseHeader(outgoing: ServerResponse, name: string): string | undefined {
  const own = outgoing instanceof GatewayResponse ? outgoing.own?.get(name) : undefined
  if (own !== undefined) return own
  const value = outgoing.getHeader(name)
  return value === undefined ? undefined : String(value)
}

/**
 * Starts the headers every answer to this request carries (flat, lower-case names): kept on a
 * {@link GatewayResponse} for its `writeHead`, set one by one with `setHeader` on any other.
 *
 * @example
 * setOwnHeaders(outgoing, ['x-request-id', requestId, 'cache-control', 'no-store'])
 */
export function setOwnHeaders(outgoing: ServerResponse, list: string[]): void {
  if (outgoing instanceof GatewayResponse) {
    outgoing.own = new OwnHeaders(list)
    return
  }
  for (let index = 0; index + 1 < list.length; index += 2) outgoing.setHeader(list[index]!, list[index + 1]!)
}
