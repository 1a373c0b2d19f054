// Turns one received request into an exchange: parses the URL, records it, routes it, picks its behaviour.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ResolvedBehaviour } from './behaviours.js'
import type { MockExchange, MockSettings, MockState } from './exchange.js'
import { openAiError } from './openai/openai-error.js'
import { pickBehaviour, respond } from './respond.js'
import { matchMockRoute } from './routes.js'
import { type Schedule, sendReply } from './send-reply.js'
import type { MockBehaviour, RecordedRequest } from './types.js'

/** What every request shares. */
export interface DispatchContext {
  settings: MockSettings
  state: MockState
  queue: MockBehaviour[]
  /** Where requests are recorded, or undefined when recording is off. */
  requests: RecordedRequest[] | undefined
  onRequest: ((request: RecordedRequest) => void) | undefined
  schedule: Schedule
}

const emptyQuery = new URLSearchParams()
const noBehaviour: ResolvedBehaviour = Object.freeze({ delayMs: 0, dropConnection: false, splitUtf8: false })

function record(context: DispatchContext, recorded: RecordedRequest): void {
  context.requests?.push(recorded)
  context.onRequest?.(recorded)
}

/**
 * Answers one request whose body has been read. Unknown paths get OpenAI's 404; a malformed
 * `x-mock-behaviour` header gets the wire's 400; queued behaviours are not spent on `/token`.
 */
export function dispatchRequest(
  context: DispatchContext,
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
): void {
  const url = request.url ?? '/'
  const mark = url.indexOf('?')
  const path = mark < 0 ? url : url.slice(0, mark)
  const query = mark < 0 ? emptyQuery : new URLSearchParams(url.slice(mark + 1))
  const method = request.method ?? 'GET'
  const match = matchMockRoute(method, path)
  if (context.requests || context.onRequest) {
    record(context, {
      method,
      path,
      query: Object.fromEntries(query),
      headers: request.headers,
      body,
      wire: match?.route.wire ?? 'unknown',
      operation: match?.route.operation ?? 'unknown',
    })
  }
  if (!match) {
    sendReply(
      response,
      openAiError(404, `Unknown request URL: ${method} ${path}.`),
      noBehaviour,
      0,
      context.schedule,
    )
    return
  }
  const { route, params } = match
  const exchange: MockExchange = {
    method,
    path,
    query,
    headers: request.headers,
    body,
    params,
    behaviour: noBehaviour,
    reply: context.settings.reply,
    settings: context.settings,
    state: context.state,
  }
  try {
    exchange.behaviour = pickBehaviour(
      route,
      exchange,
      route.wire === 'oauth' ? undefined : context.queue.shift(),
    )
  } catch (error) {
    sendReply(response, route.error(400, (error as Error).message), noBehaviour, 0, context.schedule)
    return
  }
  respond(request, response, route, exchange, context.schedule)
}
