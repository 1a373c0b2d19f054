// Reads the bootstrap pull (`GET /bootstrap`) page by page, one request ahead, checking each page's signature.
import { setImmediate } from 'node:timers/promises'
import { ControlPlaneError } from './control-plane-error.js'
import { RESPONSE_SIGNING_METHOD, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyRequest } from './hmac.js'
import {
  type BootstrapPage,
  type BootstrapTemplates,
  MAX_BOOTSTRAP_PAGE_SIZE,
  parseBootstrapPage,
} from './schemas/bootstrap.js'
import { headerValue, type RawAnswer, type SignedCaller } from './signed-caller.js'

/** Header naming the next page's cursor, so the next request leaves before this page is parsed. */
export const BOOTSTRAP_NEXT_HEADER = 'X-LangWatch-Bootstrap-Next'

/** Arguments of a `/bootstrap` read. */
export interface ReadBootstrapPagesOptions {
  /** Keys per page, 1–5000 (the control plane clamps it too). */
  limit: number
  /** Stops the read; a request in flight then rejects with a `transport` error. */
  signal?: AbortSignal
}

// Invalid JSON reaches the schema as undefined, which names the problem as a contract mismatch.
function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Yields every bootstrap page. Page n+1 is requested as soon as page n has arrived, before n is
 * checked and parsed; each page must carry a valid response signature and a cursor header that
 * agrees with its signed body (`ControlPlaneError` `rejected` otherwise). It asks for pages with
 * templates (`templates=1`); a control plane that sends whole configs instead is read as well.
 *
 * @example
 * for await (const page of readBootstrapPages(caller, secret, { limit: 1000 })) prime(page.keys)
 */
export async function* readBootstrapPages(
  caller: SignedCaller,
  internalSecret: string,
  { limit, signal }: ReadBootstrapPagesOptions,
): AsyncGenerator<BootstrapPage> {
  const pageSize = String(Math.min(MAX_BOOTSTRAP_PAGE_SIZE, Math.max(1, Math.floor(limit))))
  const stop = new AbortController()
  const onAbort = () => stop.abort()
  signal?.addEventListener('abort', onAbort, { once: true })
  const fetchPage = (after: string | null) => {
    const query = new URLSearchParams({ limit: pageSize, templates: '1' })
    if (after !== null) query.set('after', after)
    const answer = caller.call({
      method: 'GET',
      path: '/bootstrap',
      query: query.toString(),
      endpoint: 'other',
      signal: stop.signal,
      deferJson: true,
    })
    answer.catch(() => undefined) // a read abandoned early must not reject unhandled
    return answer
  }
  // A template is validated once per pull, whichever page names it again.
  const templates: BootstrapTemplates = new Map()
  const parsePage = (json: unknown) => parseBootstrapPage(json, templates)
  try {
    let pending: Promise<RawAnswer> | undefined = fetchPage(null)
    while (pending !== undefined) {
      const answer: RawAnswer = await pending
      const next = headerValue(answer.headers, BOOTSTRAP_NEXT_HEADER)
      pending = next === null ? undefined : fetchPage(next)
      // Let undici write that request before the synchronous check and parse of this page
      // below: otherwise it leaves only afterwards, and the two sides take turns.
      if (pending !== undefined) await setImmediate()
      // The page carries claims, not JWTs: its own signature is what makes them trustworthy.
      const verdict = verifyRequest({
        secret: internalSecret,
        method: RESPONSE_SIGNING_METHOD,
        path: `${caller.prefix}/bootstrap`,
        body: answer.text,
        signature: headerValue(answer.headers, SIGNATURE_HEADER),
        timestamp: headerValue(answer.headers, TIMESTAMP_HEADER),
        now: caller.now,
      })
      if (!verdict.ok) {
        throw new ControlPlaneError('service_unavailable', `bootstrap page refused: ${verdict.reason}`, {
          kind: 'rejected',
          upstreamStatus: answer.status,
        })
      }
      const page = caller.parse('other', parsePage, { ...answer, json: parseJsonText(answer.text) })
      // The cursor header is not signed: it must agree with the signed body.
      if (page.next_after !== next) {
        throw new ControlPlaneError(
          'service_unavailable',
          'bootstrap page cursor does not match its header',
          {
            kind: 'rejected',
            upstreamStatus: answer.status,
          },
        )
      }
      yield page
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    stop.abort()
  }
}
