// The soak's open-loop load: several request streams, each at its own fixed rate, against one gateway URL.
import { performance } from 'node:perf_hooks'
import type { Dispatcher } from 'undici'

/** One kind of request sent at a fixed rate. */
export interface SoakStream {
  /** Label in the answer counts ("valid", "unknown-key", …). */
  label: string
  requestsPerSecond: number
  /** Builds the n-th request's headers and body. */
  request(index: number): { headers: Record<string, string>; body: string | Buffer }
  /** Picks the connection pool for the n-th request (several pools = several client addresses). */
  dispatcher(index: number): Dispatcher
  /** Latencies of this stream's 200 answers are recorded (valid traffic). */
  timed?: boolean
}

/** Counts and latencies of one phase. */
export interface PhaseTally {
  /** Send → last response byte of the timed streams' 200 answers, ms. */
  serviceMs: number[]
  /** Scheduled send time → last byte: adds the sender's own lag (no coordinated omission). */
  correctedMs: number[]
  /** "<label> <status>" (or "<label> error", "<label> not sent") → count. */
  statuses: Map<string, number>
  /** Requests each stream sent. */
  sent: Map<string, number>
  /** "<label> <status>" → the `error.code` of the first such answer (what the gateway said). */
  codes: Map<string, string>
}

/** Requests of one stream allowed in flight at once; past it, scheduled requests are counted as not sent. */
export const maxInFlightPerStream = 2_000

function count(map: Map<string, number>, label: string): void {
  map.set(label, (map.get(label) ?? 0) + 1)
}

function errorCode(text: string): string {
  try {
    return String((JSON.parse(text) as { error?: { code?: unknown } }).error?.code ?? 'no code')
  } catch {
    return text === '' ? 'empty body' : 'not JSON'
  }
}

/**
 * Sends every stream on its own schedule for `durationMs` (open loop: a request leaves when it is
 * due whether or not earlier ones have answered, so a slow gateway cannot slow the sender), then
 * waits up to `graceMs` for the answers still out. Samples of the first `warmupMs` are not kept.
 *
 * @example
 * const tally = await runOpenLoop([validStream], 20_000)
 */
export async function runOpenLoop(
  streams: readonly SoakStream[],
  durationMs: number,
  { warmupMs = 1_000, graceMs = 10_000 } = {},
): Promise<PhaseTally> {
  const tally: PhaseTally = {
    serviceMs: [],
    correctedMs: [],
    statuses: new Map(),
    sent: new Map(),
    codes: new Map(),
  }
  const inFlight = new Map<string, number>()
  const pending = new Set<Promise<void>>()
  const startedAt = performance.now()

  const send = (stream: SoakStream, index: number, scheduledAt: number) => {
    if ((inFlight.get(stream.label) ?? 0) >= maxInFlightPerStream) {
      count(tally.statuses, `${stream.label} not sent`)
      return
    }
    inFlight.set(stream.label, (inFlight.get(stream.label) ?? 0) + 1)
    count(tally.sent, stream.label)
    const { headers, body } = stream.request(index)
    const sentAt = performance.now()
    const done = stream
      .dispatcher(index)
      .request({ path: '/v1/chat/completions', method: 'POST', headers, body })
      .then(async (answer) => {
        const label = `${stream.label} ${answer.statusCode}`
        if (answer.statusCode !== 200 && !tally.codes.has(label)) {
          tally.codes.set(label, errorCode(await answer.body.text()))
        } else await answer.body.dump({ limit: Number.POSITIVE_INFINITY })
        const endedAt = performance.now()
        count(tally.statuses, label)
        if (stream.timed === true && answer.statusCode === 200 && scheduledAt - startedAt >= warmupMs) {
          tally.serviceMs.push(endedAt - sentAt)
          tally.correctedMs.push(endedAt - scheduledAt)
        }
      })
      .catch(() => count(tally.statuses, `${stream.label} error`))
      .finally(() => {
        inFlight.set(stream.label, (inFlight.get(stream.label) ?? 1) - 1)
        pending.delete(done)
      })
    pending.add(done)
  }

  const next = streams.map(() => 0)
  await new Promise<void>((resolve) => {
    // Node timers fire at ~1 ms granularity: each tick sends every request that is due.
    const tick = () => {
      const elapsed = Math.min(performance.now() - startedAt, durationMs)
      streams.forEach((stream, s) => {
        const due = Math.floor((elapsed * stream.requestsPerSecond) / 1_000)
        for (; (next[s] as number) < due; next[s] = (next[s] as number) + 1) {
          send(
            stream,
            next[s] as number,
            startedAt + ((next[s] as number) * 1_000) / stream.requestsPerSecond,
          )
        }
      })
      if (elapsed >= durationMs) resolve()
      else setTimeout(tick, 1)
    }
    tick()
  })
  const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())
  await Promise.race([Promise.all(pending), grace])
  // A copy: answers arriving after the grace period must not change what is reported.
  const statuses = new Map(tally.statuses)
  for (const stream of streams) {
    const stuck = inFlight.get(stream.label) ?? 0
    if (stuck > 0) statuses.set(`${stream.label} unanswered`, stuck)
  }
  return { ...tally, serviceMs: [...tally.serviceMs], correctedMs: [...tally.correctedMs], statuses }
}

/**
 * One tally of two that ran side by side (the valid stream and the attack thread): counts add up,
 * latencies are concatenated, the first error code seen for a label is kept.
 *
 * @example
 * const tally = mergeTallies(await runOpenLoop(valid, ms), await attack.run(ms))
 */
export function mergeTallies(first: PhaseTally, second: PhaseTally): PhaseTally {
  const add = (a: Map<string, number>, b: Map<string, number>) => {
    const sum = new Map(a)
    for (const [label, value] of b) sum.set(label, (sum.get(label) ?? 0) + value)
    return sum
  }
  const codes = new Map(second.codes)
  for (const [label, code] of first.codes) codes.set(label, code)
  return {
    serviceMs: [...first.serviceMs, ...second.serviceMs],
    correctedMs: [...first.correctedMs, ...second.correctedMs],
    statuses: add(first.statuses, second.statuses),
    sent: add(first.sent, second.sent),
    codes,
  }
}
