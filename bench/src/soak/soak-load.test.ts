// The soak's open-loop sender against a real loopback server: schedule, counts, latencies, in-flight cap.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Pool } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mergeTallies, type PhaseTally, runOpenLoop, type SoakStream } from './soak-load.js'
import { unknownKeyLike } from './soak-traffic.js'

let server: Server
let pool: Pool
let seen = 0

beforeAll(async () => {
  // 200 for "ok" bodies, 401 with an error envelope otherwise; "hang" never answers.
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    request.on('end', () => {
      seen += 1
      if (body === 'hang') return
      if (body === 'ok') return void response.end('{}')
      response.writeHead(401, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({ error: { type: 'authentication_error', code: 'invalid_api_key', message: 'no' } }),
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections: 16 })
})
afterAll(async () => {
  await pool.destroy()
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const stream = (label: string, requestsPerSecond: number, body: string, timed = false): SoakStream => ({
  label,
  requestsPerSecond,
  timed,
  dispatcher: () => pool,
  request: () => ({ headers: {}, body }),
})

describe('runOpenLoop', () => {
  it('sends each stream at its own rate, counts answers by status and times only the timed 200s', async () => {
    seen = 0
    const tally = await runOpenLoop(
      [stream('valid', 100, 'ok', true), stream('unknown-key', 50, 'no')],
      1_000,
      {
        warmupMs: 0,
      },
    )
    expect(tally.statuses.get('valid 200')).toBe(100)
    expect(tally.statuses.get('unknown-key 401')).toBe(50)
    expect(tally.codes.get('unknown-key 401')).toBe('invalid_api_key')
    expect(tally.serviceMs).toHaveLength(100)
    expect(tally.correctedMs.every((ms, i) => ms >= (tally.serviceMs[i] as number))).toBe(true)
    expect(seen).toBe(150)
  })

  it('keeps sending on schedule when nothing answers, and reports what was left unanswered', async () => {
    const tally = await runOpenLoop([stream('stuck', 40, 'hang')], 500, { warmupMs: 0, graceMs: 100 })
    expect(tally.sent.get('stuck')).toBe(20)
    expect(tally.statuses.get('stuck unanswered')).toBe(20)
  })
})

describe('unknownKeyLike', () => {
  it('keeps the key shape and prefix and changes the secret every time', () => {
    const key = `lw_vk_live_${'a'.repeat(26)}_${'b'.repeat(32)}`
    const first = unknownKeyLike(key)
    expect(first).toHaveLength(key.length)
    expect(first.slice(0, key.length - 16)).toBe(key.slice(0, key.length - 16))
    expect(first).not.toBe(key)
    expect(unknownKeyLike(key)).not.toBe(first)
  })
})

describe('mergeTallies', () => {
  it('adds counts, concatenates latencies and keeps the first code of each label', () => {
    const valid: PhaseTally = {
      serviceMs: [1, 2],
      correctedMs: [1.5, 2.5],
      statuses: new Map([['valid 200', 2]]),
      sent: new Map([['valid', 2]]),
      codes: new Map(),
    }
    const flood: PhaseTally = {
      serviceMs: [],
      correctedMs: [],
      statuses: new Map([
        ['unknown-key 401', 5],
        ['valid 200', 1],
      ]),
      sent: new Map([['unknown-key', 5]]),
      codes: new Map([['unknown-key 401', 'invalid_api_key']]),
    }
    const merged = mergeTallies(valid, flood)
    expect(merged.serviceMs).toEqual([1, 2])
    expect(merged.statuses.get('valid 200')).toBe(3)
    expect(merged.statuses.get('unknown-key 401')).toBe(5)
    expect(merged.sent.get('unknown-key')).toBe(5)
    expect(merged.codes.get('unknown-key 401')).toBe('invalid_api_key')
  })
})
