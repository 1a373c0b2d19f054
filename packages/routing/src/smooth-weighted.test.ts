import { describe, expect, it } from 'vitest'
import { createSmoothWeighted } from './smooth-weighted.js'

describe('createSmoothWeighted', () => {
  it('splits 3:1 exactly over every four picks, interleaved', () => {
    const picker = createSmoothWeighted([3, 1])
    const all = Uint8Array.of(1, 1)
    const picks = Array.from({ length: 8 }, () => picker.pick(all))
    expect(picks).toEqual([0, 0, 1, 0, 0, 0, 1, 0])
  })

  it('shares among eligible targets only, and answers -1 when none has weight', () => {
    const picker = createSmoothWeighted([3, 1, 0])
    expect(Array.from({ length: 4 }, () => picker.pick(Uint8Array.of(0, 1, 1)))).toEqual([1, 1, 1, 1])
    expect(picker.pick(Uint8Array.of(0, 0, 1))).toBe(-1)
  })
})
