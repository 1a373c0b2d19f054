// Pure rules for what a stored key answers to: its effective state and which digest matched.

/** Stored status of a key; `expired` is derived from `expires_at`, never stored. */
export type StoredKeyStatus = 'active' | 'disabled' | 'revoked'
/** What a key is right now. */
export type KeyState = StoredKeyStatus | 'expired'

/** The fields of a key row these rules read. */
export interface KeyStateInput {
  status: StoredKeyStatus
  expires_at: Date | null
  digest: string
  previous_digest: string | null
  previous_valid_until: Date | null
}

/**
 * The effective state at `nowMs`. Revoked and disabled win over expired: they are the
 * operator's explicit word, so the gateway reports the reason an admin would expect.
 *
 * @example
 * effectiveKeyState({ status: 'active', expires_at: new Date(0) }, Date.now()) // 'expired'
 */
export function effectiveKeyState(
  key: Pick<KeyStateInput, 'status' | 'expires_at'>,
  nowMs: number,
): KeyState {
  if (key.status !== 'active') return key.status
  if (key.expires_at !== null && key.expires_at.getTime() <= nowMs) return 'expired'
  return 'active'
}

/**
 * Whether `digest` identifies this key at `nowMs`: the current digest always, the digest of
 * the secret replaced by a rotation only until its grace period ends.
 *
 * @example
 * digestMatches(row, presentedDigest, Date.now())
 */
export function digestMatches(key: KeyStateInput, digest: string, nowMs: number): boolean {
  if (key.digest === digest) return true
  return (
    key.previous_digest === digest &&
    key.previous_valid_until !== null &&
    key.previous_valid_until.getTime() > nowMs
  )
}
