// Time to the first SSE body byte over sequential streaming requests (one at a time, no queueing),
// for one target or for several taking turns.
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'
import { type SampleSummary, summarize } from '../../shared/stats.js'

/** Options for {@link measureFirstByte}. */
export interface FirstByteOptions {
  url: string
  /** A chat body with `"stream": true`. */
  body: string
  authorization?: string
  requests: number
  /** Upper bound on the whole measurement. */
  timeoutSeconds: number
}

/** First-byte and whole-stream times in milliseconds. */
export interface FirstByteResult {
  firstByte: SampleSummary
  wholeStream: SampleSummary
  errors: number
}

interface StreamClient {
  pool: Pool
  path: string
  headers: Record<string, string>
  firstByte: number[]
  wholeStream: number[]
  errors: number
}

function openClient(url: string, authorization: string | undefined): StreamClient {
  const target = new URL(url)
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' }
  if (authorization !== undefined) headers.authorization = authorization
  const pool = new Pool(target.origin, { connections: 1, pipelining: 1 })
  return { pool, path: target.pathname, headers, firstByte: [], wholeStream: [], errors: 0 }
}

/** Sends `count` streams one after another; the first `warmup` are not recorded. */
async function sendStreams(
  client: StreamClient,
  body: string,
  count: number,
  warmup: number,
  deadline: number,
): Promise<void> {
  for (let index = 0; index < count && performance.now() < deadline; index++) {
    const startedAt = performance.now()
    let firstAt = Number.NaN
    try {
      const { statusCode, body: stream } = await client.pool.request({
        path: client.path,
        method: 'POST',
        headers: client.headers,
        body,
      })
      for await (const _chunk of stream) {
        if (Number.isNaN(firstAt)) firstAt = performance.now()
      }
      if (statusCode !== 200 || Number.isNaN(firstAt)) {
        client.errors += 1
        continue
      }
    } catch {
      client.errors += 1
      continue
    }
    if (index < warmup) continue
    client.firstByte.push(firstAt - startedAt)
    client.wholeStream.push(performance.now() - startedAt)
  }
}

function resultOf(client: StreamClient): FirstByteResult {
  return {
    firstByte: summarize(client.firstByte),
    wholeStream: summarize(client.wholeStream),
    errors: client.errors,
  }
}

/**
 * Sends `requests` streaming requests one after another and times each one's first body chunk.
 * The first tenth is a warm-up and is not counted.
 *
 * @example
 * const result = await measureFirstByte({ url, body: streamingBody, requests: 1_000, timeoutSeconds: 30 })
 */
export async function measureFirstByte(options: FirstByteOptions): Promise<FirstByteResult> {
  const client = openClient(options.url, options.authorization)
  try {
    const deadline = performance.now() + options.timeoutSeconds * 1_000
    await sendStreams(client, options.body, options.requests, Math.floor(options.requests / 10), deadline)
  } finally {
    await client.pool.destroy()
  }
  return resultOf(client)
}

/** A target of {@link measureFirstBytePaired}. */
export interface FirstByteTarget {
  url: string
  authorization?: string
}

/**
 * Like {@link measureFirstByte} for several targets at once, taking turns in `blocks` blocks of
 * `requests / blocks` streams each: a minute of contention from other processes on a shared
 * machine then lands on every target alike instead of on whichever ran at that moment, so their
 * difference is the targets' own. Each target's first tenth is a warm-up.
 *
 * @example
 * const [baseline, gateway] = await measureFirstBytePaired([baselineTarget, gatewayTarget], { body, requests: 2_000, blocks: 10, timeoutSeconds: 120 })
 */
export async function measureFirstBytePaired(
  targets: readonly FirstByteTarget[],
  options: { body: string; requests: number; blocks: number; timeoutSeconds: number },
): Promise<FirstByteResult[]> {
  const clients = targets.map((target) => openClient(target.url, target.authorization))
  const perBlock = Math.max(1, Math.floor(options.requests / options.blocks))
  const warmup = Math.floor(options.requests / 10)
  try {
    const deadline = performance.now() + options.timeoutSeconds * 1_000
    for (let block = 0; block < options.blocks; block++) {
      // The connection stays open across blocks: only the first block of each target warms up.
      const skipped = block === 0 ? warmup : 0
      for (const client of clients)
        await sendStreams(client, options.body, skipped + perBlock, skipped, deadline)
    }
  } finally {
    await Promise.all(clients.map((client) => client.pool.destroy()))
  }
  return clients.map(resultOf)
}
