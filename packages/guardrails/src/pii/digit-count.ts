// Counts ASCII digits once per text: every number-shaped detector is skipped when there are too few.

/**
 * The number of ASCII digits in `text`.
 *
 * @example
 * countDigits('call 555-0100') // → 7
 */
export function countDigits(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 48 && code <= 57) count++
  }
  return count
}
