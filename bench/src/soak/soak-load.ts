// The soak's traffic: loops of valid requests, unknown keys and compressed junk against one gateway URL.
import { randomBytes } from 'node:crypto'
import { brotliCompressSync } from 'node:zlib'
import { Pool } from 'undici'

/** Counts and valid-request latencies of one phase. */
export interface PhaseTally {
  validLatenciesMs: number[]
  statuses: Map<string, number>
  errors: number
}

/** Which loops run, and how many of each. */
export interface LoadMix {
  valid: number
  unknownKeys: number
  junk: number
}

const validBody = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] })
// 53 bytes of brotli that decode to 32 MiB of zeros: the body of defect 1.
const bomb = brotliCompressSync(Buffer.alloc(32 * 1024 * 1024))

/** A well-formed key of the same id as `key` with another secret: unknown to the control plane. */
export function unknownKeyLike(key: string): string {
  const secretLength = Math.min(16, key.length - 37)
  return `${key.slice(0, key.length - secretLength)}${randomBytes(16).toString('hex').slice(0, secretLength)}`
}

function count(tally: PhaseTally, label: string): void {
  tally.statuses.set(label, (tally.statuses.get(label) ?? 0) + 1)
}

/**
 * Runs `mix` loops against `url` until `durationMs` passes; each loop waits for its answer before
 * sending the next request (closed loop), so the rate follows what the gateway sustains.
 *
 * @example
 * const tally = await runPhase(url, key, { valid: 8, unknownKeys: 0, junk: 0 }, 20_000)
 */
export async function runPhase(
  url: string,
  key: string,
  mix: LoadMix,
  durationMs: number,
): Promise<PhaseTally> {
  const target = new URL(url)
  const pool = new Pool(target.origin, { connections: mix.valid + mix.unknownKeys + mix.junk + 4 })
  const tally: PhaseTally = { validLatenciesMs: [], statuses: new Map(), errors: 0 }
  const endAt = performance.now() + durationMs
  const send = async (label: string, headers: Record<string, string>, body: string | Buffer) => {
    const started = performance.now()
    try {
      const answer = await pool.request({ path: target.pathname, method: 'POST', headers, body })
      await answer.body.dump()
      count(tally, `${label} ${answer.statusCode}`)
      if (label === 'valid' && answer.statusCode === 200)
        tally.validLatenciesMs.push(performance.now() - started)
    } catch {
      tally.errors++
      count(tally, `${label} error`)
    }
  }
  const loop = async (step: () => Promise<void>) => {
    while (performance.now() < endAt) await step()
  }
  const json = { 'content-type': 'application/json' }
  const loops = [
    ...Array.from({ length: mix.valid }, () =>
      loop(() => send('valid', { ...json, authorization: `Bearer ${key}` }, validBody)),
    ),
    ...Array.from({ length: mix.unknownKeys }, () =>
      loop(() => send('unknown-key', { ...json, authorization: `Bearer ${unknownKeyLike(key)}` }, validBody)),
    ),
    ...Array.from({ length: mix.junk }, (_, index) =>
      loop(() =>
        send(
          'junk',
          {
            ...json,
            'content-encoding': 'br',
            // Half without a key, half with an unknown one.
            ...(index % 2 === 0 ? {} : { authorization: `Bearer ${unknownKeyLike(key)}` }),
          },
          bomb,
        ),
      ),
    ),
  ]
  await Promise.all(loops)
  await pool.close()
  return tally
}
