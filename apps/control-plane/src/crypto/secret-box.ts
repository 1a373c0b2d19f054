// AES-256-GCM sealing of provider credentials and project tokens at rest.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { GatewayError } from '@gw/contract'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

/** Seals and opens small secrets; `context` (the owning row id) is bound as associated data. */
export interface SecretBox {
  seal(plaintext: string, context: string): string
  open(sealed: string, context: string): string
}

/**
 * Decodes `CONTROL_PLANE_ENCRYPTION_KEY`: 64 hex characters or base64 of exactly 32 bytes.
 *
 * @throws Error naming the expected form when the value is neither
 * @example
 * parseEncryptionKey(randomBytes(32).toString('hex'))
 */
export function parseEncryptionKey(value: string): Buffer {
  const trimmed = value.trim()
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) {
    const decoded = Buffer.from(
      trimmed,
      trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64',
    )
    if (decoded.length === 32) return decoded
  }
  throw new Error('must be a 32-byte key: 64 hex characters or 44 base64 characters (openssl rand -hex 32)')
}

/**
 * Creates a {@link SecretBox} from a 32-byte key. The sealed form is
 * `v1.<base64url iv>.<base64url tag>.<base64url ciphertext>`; a fresh random IV per seal.
 *
 * @example
 * const box = createSecretBox(parseEncryptionKey(process.env.CONTROL_PLANE_ENCRYPTION_KEY))
 * const sealed = box.seal('sk-live-…', credentialId)
 * box.open(sealed, credentialId) // 'sk-live-…'
 */
export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== 32) throw new Error('encryption key must be 32 bytes')
  const keyCopy = Buffer.from(key)
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', keyCopy, iv, { authTagLength: TAG_BYTES })
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      const tag = cipher.getAuthTag()
      return [
        VERSION,
        iv.toString('base64url'),
        tag.toString('base64url'),
        ciphertext.toString('base64url'),
      ].join('.')
    },
    open(sealed, context) {
      const [version, iv, tag, ciphertext] = sealed.split('.')
      if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
        throw new GatewayError('internal_error', 'Stored secret has an unknown format')
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', keyCopy, Buffer.from(iv, 'base64url'), {
          authTagLength: TAG_BYTES,
        })
        decipher.setAAD(Buffer.from(context, 'utf8'))
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64url')),
          decipher.final(),
        ]).toString('utf8')
      } catch (cause) {
        // Wrong CONTROL_PLANE_ENCRYPTION_KEY or a tampered row: never echo the ciphertext.
        throw new GatewayError(
          'internal_error',
          'Stored secret could not be decrypted (check CONTROL_PLANE_ENCRYPTION_KEY)',
          {
            cause,
          },
        )
      }
    },
  }
}
