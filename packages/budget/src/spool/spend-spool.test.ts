import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SpendCommandsResponse, SpendRecord } from '@gw/contract'
import { afterEach, describe, expect, it } from 'vitest'
import { listSegments } from './segment-files.js'
import { createSpendSpool, type SpendSpool } from './spend-spool.js'

const directories: string[] = []
const spools: SpendSpool[] = []

function tempDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'gw-spool-'))
  directories.push(directory)
  return directory
}

afterEach(async () => {
  for (const spool of spools.splice(0)) await spool.close()
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true })
})

/** A control plane stand-in: idempotent per (request id, command), like the real one. */
function ledger() {
  const stored = new Map<string, SpendRecord>()
  let receivedRecords = 0
  let down = false
  const send = async (records: SpendRecord[]): Promise<SpendCommandsResponse> => {
    if (down) throw new Error('connect ECONNREFUSED')
    receivedRecords += records.length
    for (const record of records) stored.set(`${record.payload.gateway_request_id}|${record.command}`, record)
    return { accepted: records.length, rejected: [] }
  }
  return {
    send,
    stored,
    received: () => receivedRecords,
    setDown(value: boolean) {
      down = value
    },
  }
}

function open(
  directory: string,
  send: (records: SpendRecord[]) => Promise<SpendCommandsResponse>,
  extra = {},
) {
  const spool = createSpendSpool({ directory, podId: 'gw-a', send, shipIntervalMs: 60_000, ...extra })
  spools.push(spool)
  return spool
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('createSpendSpool', () => {
  it('ships records in batches and deletes segments once acknowledged', async () => {
    const cp = ledger()
    const batches: number[] = []
    const spool = open(
      tempDirectory(),
      async (records) => {
        batches.push(records.length)
        return cp.send(records)
      },
      { batchSize: 4 },
    )
    for (let index = 0; index < 10; index += 1) {
      spool.append('confirmSpend', { gateway_request_id: `req-${index}`, cost_micro_usd: index })
    }
    await spool.shipNow()
    expect(batches).toEqual([4, 4, 2])
    expect(cp.stored.size).toBe(10)
    expect(listSegments(spool.directory)).toEqual([])
    expect(spool.stats()).toMatchObject({ shipped: 10, pendingBytes: 0, dropped: 0 })
  })

  it('ships on shipNow what was appended while a round was in flight, in one more round', async () => {
    const cp = ledger()
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const rounds: string[][] = []
    const spool = open(tempDirectory(), async (records) => {
      rounds.push(records.map((record) => String(record.payload.gateway_request_id)))
      if (rounds.length === 1) await held
      return cp.send(records)
    })
    spool.append('confirmSpend', { gateway_request_id: 'first', cost_micro_usd: 1 })
    const inFlight = spool.shipNow()
    try {
      await expect.poll(() => rounds.length).toBe(1)
      spool.append('confirmSpend', { gateway_request_id: 'second', cost_micro_usd: 2 })
      const [again, alsoAgain] = [spool.shipNow(), spool.shipNow()]
      release()
      await Promise.all([inFlight, again, alsoAgain])
    } finally {
      release()
    }
    expect(rounds).toEqual([['first'], ['second']])
    expect([...cp.stored.keys()]).toEqual(['first|confirmSpend', 'second|confirmSpend'])
    expect(spool.stats()).toMatchObject({ shipped: 2, pendingBytes: 0 })
  })

  it('ships a prepared payload (appendEncoded) exactly as the same payload appended as an object', async () => {
    const cp = ledger()
    const spool = open(tempDirectory(), cp.send)
    const payload = { gateway_request_id: 'req-"a"', cost_micro_usd: 12, model: 'm' }
    spool.append('confirmSpend', payload)
    spool.appendEncoded('failSpend', JSON.stringify({ ...payload, reason: 'status_502' }))
    await spool.shipNow()
    expect(cp.stored.get('req-"a"|confirmSpend')).toEqual({
      command: 'confirmSpend',
      payload,
      pod_id: 'gw-a',
      pod_seq: 1,
    })
    expect(cp.stored.get('req-"a"|failSpend')).toEqual({
      command: 'failSpend',
      payload: { ...payload, reason: 'status_502' },
      pod_id: 'gw-a',
      pod_seq: 2,
    })
  })

  it('ships the bytes it wrote through sendBody as {"records":[…]} batches, never through send', async () => {
    const base = tempDirectory()
    const cp = ledger()
    const batches: number[] = []
    const sendBody = async (body: Uint8Array) => {
      const { records } = JSON.parse(Buffer.from(body).toString('utf8')) as { records: SpendRecord[] }
      batches.push(records.length)
      return cp.send(records)
    }
    const unused = async (): Promise<SpendCommandsResponse> => {
      throw new Error('send must not be used when sendBody is given')
    }
    // flushIntervalMs 0: one write per event-loop turn, so the two turns below make two chunks
    // (5 lines, then 4): batches of 3 cut the first chunk and join its rest with the second.
    const spool = open(base, unused, { sendBody, batchSize: 3, flushIntervalMs: 0 })
    for (let index = 0; index < 5; index += 1) {
      spool.append('confirmSpend', {
        gateway_request_id: `req-${index}`,
        model: 'modèle-€',
        cost_micro_usd: index,
      })
    }
    await tick()
    for (let index = 5; index < 9; index += 1) {
      spool.append('confirmSpend', { gateway_request_id: `req-${index}`, cost_micro_usd: index })
    }
    await spool.shipNow()
    expect(batches).toEqual([3, 2, 3, 1])
    expect(cp.stored.get('req-4|confirmSpend')?.payload).toEqual({
      gateway_request_id: 'req-4',
      model: 'modèle-€',
      cost_micro_usd: 4,
    })
    expect([...cp.stored.keys()]).toEqual(
      Array.from({ length: 9 }, (_, index) => `req-${index}|confirmSpend`),
    )
    expect(spool.stats()).toMatchObject({ shipped: 9, pendingBytes: 0, failures: 0 })
    expect(listSegments(spool.directory)).toEqual([])
  })

  it('keeps records while the control plane is down, then drains them with nothing lost or doubled', async () => {
    const cp = ledger()
    cp.setDown(true)
    const spool = open(tempDirectory(), cp.send, { initialBackoffMs: 5, maxBackoffMs: 20 })
    for (let round = 0; round < 3; round += 1) {
      for (let index = 0; index < 50; index += 1) {
        spool.append('admitSpend', { gateway_request_id: `req-${round}-${index}` })
      }
      await spool.shipNow()
    }
    expect(spool.stats().failures).toBeGreaterThanOrEqual(3)
    expect(listSegments(spool.directory).length).toBeGreaterThanOrEqual(3)
    cp.setDown(false)
    await expect.poll(() => spool.stats().pendingBytes, { timeout: 5_000 }).toBe(0)
    expect(cp.stored.size).toBe(150)
    expect(cp.received()).toBe(150)
  })

  it('drops and counts records past the size cap', async () => {
    const cp = ledger()
    cp.setDown(true)
    const spool = open(tempDirectory(), cp.send, { maxBytes: 600 })
    const results = Array.from({ length: 20 }, (_, index) =>
      spool.append('admitSpend', { gateway_request_id: `req-${index}` }),
    )
    expect(results.filter((kept) => !kept).length).toBe(spool.stats().dropped)
    expect(spool.stats().dropped).toBeGreaterThan(0)
    expect(spool.stats().pendingBytes).toBeLessThanOrEqual(600)
  })

  it('writes the appends of one flush interval in one write, and at once past 64 KiB', async () => {
    const base = tempDirectory()
    const spool = open(base, ledger().send, { flushIntervalMs: 40 })
    const written = () => listSegments(spool.directory).reduce((total, segment) => total + segment.bytes, 0)
    for (let index = 0; index < 5; index += 1) {
      spool.append('admitSpend', { gateway_request_id: `small-${index}`, estimated_cost_micro_usd: 1 })
    }
    await tick()
    expect(written()).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 80))
    const afterInterval = written()
    expect(afterInterval).toBeGreaterThan(0)
    // Large records: the 64 KiB threshold writes them without waiting for the timer.
    const big = 'x'.repeat(20 * 1024)
    for (let index = 0; index < 4; index += 1) {
      spool.append('admitSpend', {
        gateway_request_id: `big-${index}-${big}`,
        estimated_cost_micro_usd: 1,
      })
    }
    expect(written()).toBeGreaterThan(afterInterval + 64 * 1024)
    expect(spool.stats().pendingBytes).toBeGreaterThan(written() - 1)
  })

  it('counts the exact UTF-8 bytes of non-ASCII records once they are written', async () => {
    const cp = ledger()
    cp.setDown(true)
    const spool = open(tempDirectory(), cp.send, { flushIntervalMs: 5 })
    const written = () => listSegments(spool.directory).reduce((total, segment) => total + segment.bytes, 0)
    for (let index = 0; index < 3; index += 1) {
      spool.append('confirmSpend', { gateway_request_id: `ünï-模型-🚀-${index}`, cost_micro_usd: 1 })
    }
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(written()).toBeGreaterThan(0)
    expect(spool.stats().pendingBytes).toBe(written())
  })

  it('gives each process its own directory', async () => {
    const base = tempDirectory()
    const cp = ledger()
    const first = open(base, cp.send)
    const second = open(base, cp.send)
    expect(first.directory).not.toBe(second.directory)
    await tick()
  })

  it('replays the unacknowledged records of a SIGKILLed process exactly once', async () => {
    const base = tempDirectory()
    const child = spawn(
      process.execPath,
      [
        '--conditions=gw-source',
        '--import',
        'tsx',
        fileURLToPath(new URL('../test-utils/spool-child.ts', import.meta.url)),
        base,
        '25',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve()
      })
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)))
    })
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    expect(readdirSync(base)).toHaveLength(1)
    const cp = ledger()
    // The restarted spool ships the adopted segment, read back from disk, as one batch body.
    const spool = open(base, cp.send, {
      sendBody: (body: Uint8Array) =>
        cp.send((JSON.parse(Buffer.from(body).toString('utf8')) as { records: SpendRecord[] }).records),
    })
    await spool.shipNow()
    expect([...cp.stored.keys()].sort()).toEqual(
      Array.from({ length: 25 }, (_, index) => `req-${index}|admitSpend`).sort(),
    )
    expect(cp.received()).toBe(25)
    expect(readdirSync(base)).toEqual([spool.directory.split('/').at(-1)])
  })
})
