import * as crypto from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'

vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>()
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) }
})

const { tokenMatches } = await import('./bearer-auth.js')
const digest = (value: string) => crypto.createHash('sha256').update(value).digest()

describe('tokenMatches', () => {
  it('accepts the exact token only', () => {
    expect(tokenMatches('s3cret-token', digest('s3cret-token'))).toBe(true)
    expect(tokenMatches('s3cret-toke', digest('s3cret-token'))).toBe(false)
    expect(tokenMatches('', digest('s3cret-token'))).toBe(false)
  })

  it('compares with timingSafeEqual on equal-length digests whatever the presented length', () => {
    const compare = vi.mocked(crypto.timingSafeEqual)
    compare.mockClear()
    for (const presented of ['x', 'a much longer token than the real one, by far', 's3cret-token']) {
      tokenMatches(presented, digest('s3cret-token'))
    }
    expect(compare).toHaveBeenCalledTimes(3)
    for (const [left, right] of compare.mock.calls) {
      expect((left as Buffer).length).toBe(32)
      expect((right as Buffer).length).toBe(32)
    }
  })
})
