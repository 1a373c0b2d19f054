// Maps PostgreSQL unique violations (same SQLSTATE from pg and PGlite) to 409 GatewayErrors.
import { GatewayError } from '@gw/contract'

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

/** True for a unique-constraint violation (SQLSTATE 23505). */
function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505'
}

/**
 * Rethrows a unique violation as 409 `conflict` with `message`; anything else unchanged.
 *
 * @example
 * await insert().catch(rethrowConflict('An organization with slug "acme" already exists'))
 */
export function rethrowConflict(message: string, meta?: Record<string, unknown>): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error))
      throw new GatewayError('conflict', message, meta === undefined ? {} : { meta })
    throw error
  }
}
