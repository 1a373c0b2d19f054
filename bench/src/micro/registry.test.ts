import { describe, expect, it } from 'vitest'
import { gatedMicro, type MicroBenchmark } from './registry.js'

const bench = (name: string, gated?: boolean): MicroBenchmark => ({
  name,
  description: name,
  ...(gated === undefined ? {} : { gated }),
  setup: async () => ({ operation: () => undefined }),
})

describe('gatedMicro', () => {
  it('keeps every benchmark but those marked gated: false, in order', () => {
    const list = [bench('a'), bench('loopback', false), bench('b', true)]
    expect(gatedMicro(list).map((benchmark) => benchmark.name)).toEqual(['a', 'b'])
  })

  it('leaves the two upstream-leg comparison points out of the registered gate list', async () => {
    await import('./benches/index.js')
    const { listMicro } = await import('./registry.js')
    const gated = gatedMicro(listMicro()).map((benchmark) => benchmark.name)
    expect(gated).not.toContain('Upstream leg of a pass-through: JSON answer')
    expect(gated).not.toContain('Upstream leg of a pass-through: stream')
    expect(gated).toContain('Hono dispatch GET /healthz')
  })
})
