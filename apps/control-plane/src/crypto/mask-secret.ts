// Masked hints for secrets shown by the admin API: enough to recognise a key, never to use it.

const MIN_LENGTH_FOR_EDGES = 12

/**
 * Masks a secret as `sk-…abcd` (first 3 and last 4 characters). Short secrets, which those
 * 7 characters would mostly reveal, show only `…`.
 *
 * @example
 * maskSecret('sk-proj-1234567890abcd') // 'sk-…abcd'
 */
export function maskSecret(secret: string): string {
  if (secret.length < MIN_LENGTH_FOR_EDGES) return '…'
  return `${secret.slice(0, 3)}…${secret.slice(-4)}`
}
