import { describe, expect, it } from 'vitest'
import { readCpuMicros } from '../e2e/proc-stats.js'
import { startBusyLoop } from './busy-loop.js'

const shareOver = async (share: number, ms: number) => {
  const loop = startBusyLoop(share)
  await new Promise((resolve) => setTimeout(resolve, 300)) // node's own start-up
  const before = readCpuMicros(loop.pid)
  await new Promise((resolve) => setTimeout(resolve, ms))
  const used = (readCpuMicros(loop.pid) - before) / (ms * 1_000)
  await loop.stop()
  return used
}

describe('startBusyLoop', () => {
  it('keeps roughly its share of a core busy, and nothing at share 0', async () => {
    // Wide bounds: a busy machine may give the loop less than it asks for, never much more.
    expect(await shareOver(0.4, 1_000)).toBeGreaterThan(0.1)
    expect(await shareOver(0.4, 1_000)).toBeLessThan(0.75)
    expect(await shareOver(0, 600)).toBeLessThan(0.05)
  })

  it('stops: the process is gone once stop resolves', async () => {
    const loop = startBusyLoop(0.1)
    await loop.stop()
    expect(() => process.kill(loop.pid, 0)).toThrow()
  })
})
