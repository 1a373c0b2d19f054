// Answers one routed request: picks its behaviour, waits, checks credentials, runs the handler, sends.
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  behaviourHeader,
  behavioursFromModel,
  parseBehaviourHeader,
  type ResolvedBehaviour,
  resolveBehaviour,
} from './behaviours.js'
import { headerValue } from './credentials.js'
import { jsonHeaders, type MockExchange, MockInputError, type MockReply, type MockRoute } from './exchange.js'
import { createReplyText, multiByteReplyText } from './reply-text.js'
import { type Schedule, sendReply } from './send-reply.js'
import type { MockBehaviour } from './types.js'

function modelOf(route: MockRoute, exchange: MockExchange): string | undefined {
  try {
    return route.model?.(exchange)
  } catch {
    return undefined // the handler reports the malformed body in the wire's own shape
  }
}

/** Model-name conventions, then the queued behaviour, then the header, later ones winning. */
export function pickBehaviour(
  route: MockRoute,
  exchange: MockExchange,
  queued: MockBehaviour | undefined,
): ResolvedBehaviour {
  const behaviours = behavioursFromModel(modelOf(route, exchange))
  if (queued) behaviours.push(queued)
  const header = headerValue(exchange.headers, behaviourHeader)
  if (header !== undefined) behaviours.push(parseBehaviourHeader(header))
  return resolveBehaviour(behaviours)
}

function applyReplyBehaviour(exchange: MockExchange): void {
  const { behaviour, settings } = exchange
  if (behaviour.replyText !== undefined) {
    exchange.reply = createReplyText(behaviour.replyText, settings.streamChunks)
  } else if (behaviour.splitUtf8 && /^[\x00-\x7f]*$/.test(settings.reply.text)) {
    exchange.reply = createReplyText(multiByteReplyText, settings.streamChunks)
  }
}

function statusReply(route: MockRoute, exchange: MockExchange, status: number): MockReply {
  const { body } = exchange.behaviour
  if (body !== undefined) {
    return { status, headers: jsonHeaders, body: typeof body === 'string' ? body : JSON.stringify(body) }
  }
  if (status >= 400) return route.error(status)
  return { ...route.handle(exchange), status }
}

function buildReply(route: MockRoute, exchange: MockExchange, denied: MockReply | undefined): MockReply {
  if (denied) return denied
  try {
    const { status } = exchange.behaviour
    return status === undefined ? route.handle(exchange) : statusReply(route, exchange, status)
  } catch (error) {
    if (error instanceof MockInputError) return route.error(error.status, error.message)
    return route.error(500, `mock provider failure: ${(error as Error).message}`)
  }
}

/**
 * Runs the exchange to completion: delay (latency + hang), connection drop, auth, status or
 * handler, then the send with its stream behaviours. Stops quietly if the client has left.
 */
export function respond(
  request: IncomingMessage,
  response: ServerResponse,
  route: MockRoute,
  exchange: MockExchange,
  schedule: Schedule,
): void {
  applyReplyBehaviour(exchange)
  const finish = (denied: MockReply | undefined): void => {
    if (request.socket.destroyed) return
    sendReply(
      response,
      buildReply(route, exchange, denied),
      exchange.behaviour,
      exchange.settings.chunkDelayMs,
      schedule,
    )
  }
  const proceed = (): void => {
    if (request.socket.destroyed) return
    if (exchange.behaviour.dropConnection) {
      request.socket.destroy()
      return
    }
    let denied: ReturnType<NonNullable<MockRoute['authorize']>>
    try {
      denied = route.authorize?.(exchange)
    } catch (error) {
      denied = route.error(500, `mock provider failure: ${(error as Error).message}`)
    }
    if (denied instanceof Promise) {
      denied.then(finish, (error: Error) =>
        finish(route.error(500, `mock provider failure: ${error.message}`)),
      )
    } else {
      finish(denied)
    }
  }
  const delay = exchange.settings.latencyMs + exchange.behaviour.delayMs
  if (delay > 0) schedule(delay, proceed)
  else proceed()
}
