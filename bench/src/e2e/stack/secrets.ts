// Throwaway secrets shared by the bench's control plane and gateway (loopback only, never reused).
import { randomBytes } from 'node:crypto'

/** Secrets for one run: random per run so nothing predictable ever listens, even on loopback. */
export interface StackSecrets {
  adminToken: string
  encryptionKey: string
  internalSecret: string
  jwtSecret: string
  pepper: string
}

/**
 * Fresh random secrets of the lengths the control plane requires (32 bytes, hex).
 *
 * @example
 * const secrets = createStackSecrets()
 */
export function createStackSecrets(): StackSecrets {
  const hex = () => randomBytes(32).toString('hex')
  return { adminToken: hex(), encryptionKey: hex(), internalSecret: hex(), jwtSecret: hex(), pepper: hex() }
}
