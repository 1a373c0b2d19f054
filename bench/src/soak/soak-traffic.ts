// The soak's request streams: valid traffic, unknown keys and compressed junk, from stated client addresses.
import { randomBytes } from 'node:crypto'
import { brotliCompressSync } from 'node:zlib'
import { Pool } from 'undici'
import type { SoakStream } from './soak-load.js'

/** Requests per second of each stream. */
export interface SoakRates {
  /** Valid requests with the stack's key (timed). */
  valid: number
  /** Well-formed keys with random secrets, each distinct, spread over the attacker addresses. */
  unknownKeys: number
  /** Brotli bombs without a key or with an unknown key (half each). */
  junk: number
  /** Compressed junk with the valid key: brotli bombs and corrupt gzip, half each. */
  keyedJunk: number
}

/** Where the streams go and from how many loopback addresses the attack traffic comes. */
export interface SoakTrafficOptions {
  /** The gateway's origin, e.g. `http://127.0.0.1:5563`. */
  origin: string
  key: string
  rates: SoakRates
  /** Attacker client addresses 127.0.0.11 … (each gets its own per-client lookup bucket). */
  attackerAddresses: number
}

const validBody = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] })
// 53 bytes of brotli that decode to 32 MiB of zeros: the body of defect 1.
const bomb = brotliCompressSync(Buffer.alloc(32 * 1024 * 1024))
// Not a gzip stream at all: a decoder error (400) after the first bytes.
const corrupt = randomBytes(64)

/**
 * A well-formed key of the same shape as `key` with another secret: unknown to the control plane.
 *
 * @example
 * unknownKeyLike(key) !== key // same prefix and length, random tail
 */
export function unknownKeyLike(key: string): string {
  const secretLength = Math.min(16, key.length - 37)
  return `${key.slice(0, key.length - secretLength)}${randomBytes(16).toString('hex').slice(0, secretLength)}`
}

/** The soak's streams and a way to close their connection pools. */
export interface SoakTraffic {
  quiet: SoakStream[]
  mixed: SoakStream[]
  /** The mix without the valid stream (what the attack thread sends). */
  attack: SoakStream[]
  close(): Promise<void>
}

/**
 * Builds the streams: valid traffic from 127.0.0.1, attack traffic (unknown keys, anonymous junk)
 * from `attackerAddresses` other loopback addresses, keyed junk from 127.0.0.2.
 *
 * @example
 * const traffic = createSoakTraffic({ origin, key, rates, attackerAddresses: 16 })
 * await runOpenLoop(traffic.mixed, 100_000)
 */
export function createSoakTraffic(options: SoakTrafficOptions): SoakTraffic {
  const { origin, key, rates } = options
  const pools: Pool[] = []
  const pool = (localAddress: string, connections: number) => {
    const created = new Pool(origin, { connections, localAddress, pipelining: 1 })
    pools.push(created)
    return created
  }
  const validPool = pool('127.0.0.1', 64)
  const keyedJunkPool = pool('127.0.0.2', 16)
  const attackers = Array.from({ length: options.attackerAddresses }, (_, i) => pool(`127.0.0.${11 + i}`, 64))
  const attacker = (index: number) => attackers[index % attackers.length] as Pool
  const json = { 'content-type': 'application/json' }
  const valid: SoakStream = {
    label: 'valid',
    requestsPerSecond: rates.valid,
    timed: true,
    dispatcher: () => validPool,
    request: () => ({ headers: { ...json, authorization: `Bearer ${key}` }, body: validBody }),
  }
  const streams: SoakStream[] = [
    valid,
    {
      label: 'unknown-key',
      requestsPerSecond: rates.unknownKeys,
      dispatcher: attacker,
      request: () => ({
        headers: { ...json, authorization: `Bearer ${unknownKeyLike(key)}` },
        body: validBody,
      }),
    },
    {
      label: 'junk',
      requestsPerSecond: rates.junk,
      dispatcher: attacker,
      request: (index) => ({
        headers: {
          ...json,
          'content-encoding': 'br',
          ...(index % 2 === 0 ? {} : { authorization: `Bearer ${unknownKeyLike(key)}` }),
        },
        body: bomb,
      }),
    },
    {
      label: 'keyed-bomb',
      requestsPerSecond: rates.keyedJunk / 2,
      dispatcher: () => keyedJunkPool,
      request: () => ({
        headers: { ...json, 'content-encoding': 'br', authorization: `Bearer ${key}` },
        body: bomb,
      }),
    },
    {
      label: 'keyed-corrupt',
      requestsPerSecond: rates.keyedJunk / 2,
      dispatcher: () => keyedJunkPool,
      request: () => ({
        headers: { ...json, 'content-encoding': 'gzip', authorization: `Bearer ${key}` },
        body: corrupt,
      }),
    },
  ]
  const mixed = streams.filter((stream) => stream.requestsPerSecond > 0)
  return {
    quiet: [valid],
    mixed,
    attack: mixed.filter((stream) => stream !== valid),
    close: async () => {
      await Promise.all(pools.map((created) => created.destroy()))
    },
  }
}
