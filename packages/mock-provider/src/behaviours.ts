// Turns queued behaviours, the x-mock-behaviour header and model-name conventions into one plan per request.
import type { MockBehaviour } from './types.js'

/** Every behaviour field in one shape; the sender reads only this. */
export interface ResolvedBehaviour {
  status?: number
  body?: unknown
  headers?: Record<string, string>
  /** Latency plus hang: nothing is sent before it elapses. */
  delayMs: number
  chunkDelayMs?: number
  failAfterChunks?: number
  streamErrorAfterChunks?: number
  dropConnection: boolean
  splitUtf8: boolean
  replyText?: string
}

/** Header that carries a JSON behaviour for one request. */
export const behaviourHeader = 'x-mock-behaviour'

const noBehaviour: ResolvedBehaviour = Object.freeze({ delayMs: 0, dropConnection: false, splitUtf8: false })

const modelConventions: Array<[RegExp, (match: RegExpExecArray) => MockBehaviour]> = [
  [/\berror-(\d{3})\b/, (m) => ({ status: Number(m[1]) })],
  [/\bslow-(\d+)ms\b/, (m) => ({ latencyMs: Number(m[1]) })],
  [/\bhang-(\d+)ms\b/, (m) => ({ hangMs: Number(m[1]) })],
  [/\bchunk-delay-(\d+)ms\b/, (m) => ({ chunkDelayMs: Number(m[1]) })],
  [/\bstream-error-after-(\d+)\b/, (m) => ({ streamErrorAfterChunks: Number(m[1]) })],
  [/\bfail-after-(\d+)\b/, (m) => ({ failAfterChunks: Number(m[1]) })],
  [/\bdrop\b/, () => ({ dropConnection: true })],
  [/\bsplit-utf8\b/, () => ({ splitUtf8: true })],
]

/**
 * Behaviours named by a model that contains `mock-`: `mock-error-503`, `mock-slow-500ms`,
 * `mock-hang-30000ms`, `mock-chunk-delay-100ms`, `mock-fail-after-2`, `mock-stream-error-after-2`,
 * `mock-drop`, `mock-split-utf8`; several combine in one name (`mock-slow-200ms-fail-after-3`).
 *
 * @example
 * behavioursFromModel('openai/mock-error-429') // [{ status: 429 }]
 */
export function behavioursFromModel(model: string | undefined): MockBehaviour[] {
  if (!model?.includes('mock-')) return []
  const found: MockBehaviour[] = []
  for (const [pattern, build] of modelConventions) {
    const match = pattern.exec(model)
    if (match) found.push(build(match))
  }
  return found
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Parses the `x-mock-behaviour` header; throws a readable message on malformed JSON. */
export function parseBehaviourHeader(value: string): MockBehaviour {
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    throw new Error(`${behaviourHeader} must be a JSON object`)
  }
  if (!isRecord(parsed)) throw new Error(`${behaviourHeader} must be a JSON object`)
  return parsed as unknown as MockBehaviour
}

function asCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
}

/** Merges behaviours, later ones overriding earlier fields; delays add up. */
export function resolveBehaviour(behaviours: MockBehaviour[]): ResolvedBehaviour {
  if (behaviours.length === 0) return noBehaviour
  const resolved: ResolvedBehaviour = { delayMs: 0, dropConnection: false, splitUtf8: false }
  for (const behaviour of behaviours as unknown as Array<Record<string, unknown>>) {
    resolved.delayMs += (asCount(behaviour.latencyMs) ?? 0) + (asCount(behaviour.hangMs) ?? 0)
    const status = asCount(behaviour.status)
    if (status !== undefined) resolved.status = status
    if ('body' in behaviour) resolved.body = behaviour.body
    if (isRecord(behaviour.headers)) resolved.headers = behaviour.headers as Record<string, string>
    const chunkDelayMs = asCount(behaviour.chunkDelayMs)
    if (chunkDelayMs !== undefined) resolved.chunkDelayMs = chunkDelayMs
    const failAfterChunks = asCount(behaviour.failAfterChunks)
    if (failAfterChunks !== undefined) resolved.failAfterChunks = failAfterChunks
    const streamErrorAfterChunks = asCount(behaviour.streamErrorAfterChunks)
    if (streamErrorAfterChunks !== undefined) resolved.streamErrorAfterChunks = streamErrorAfterChunks
    if (behaviour.dropConnection === true) resolved.dropConnection = true
    if (behaviour.splitUtf8 === true) resolved.splitUtf8 = true
    if (typeof behaviour.replyText === 'string') resolved.replyText = behaviour.replyText
  }
  return resolved
}
