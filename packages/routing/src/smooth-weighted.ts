// Smooth weighted round robin: picks among eligible targets so each gets its weight's share, interleaved.

/** A weighted picker over targets `0…n-1` (state lives in the picker). */
export interface SmoothWeighted {
  /**
   * The index to use next among those with `eligible[i] === 1`, or -1 when no eligible target has
   * a positive weight. Each call moves the state, so the shares hold over any run of calls.
   */
  pick(eligible: Uint8Array): number
}

/**
 * Creates a smooth weighted round robin (each pick: every eligible target's current weight grows
 * by its weight; the largest wins and drops by the eligible total), so weights 3:1 give
 * `A A B A, A A B A…` rather than bursts. Allocation-free per pick.
 *
 * @example
 * const picker = createSmoothWeighted([3, 1])
 * picker.pick(Uint8Array.of(1, 1)) // → 0
 */
export function createSmoothWeighted(weights: readonly number[]): SmoothWeighted {
  const current = new Float64Array(weights.length)
  return {
    pick(eligible) {
      let total = 0
      let best = -1
      for (let index = 0; index < weights.length; index++) {
        const weight = weights[index] as number
        if (eligible[index] !== 1 || weight <= 0) continue
        total += weight
        const value = (current[index] as number) + weight
        current[index] = value
        if (best === -1 || value > (current[best] as number)) best = index
      }
      if (best !== -1) current[best] = (current[best] as number) - total
      return best
    },
  }
}
