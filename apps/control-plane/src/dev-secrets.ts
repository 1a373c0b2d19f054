// Fresh random secrets for a local stack, to pass to both the control plane and the gateway.
import { randomBytes } from 'node:crypto'

/** The secret variables the control plane requires, with random values (a type, so it spreads into an env record). */
export type ControlPlaneSecrets = {
  LW_GATEWAY_INTERNAL_SECRET: string
  LW_GATEWAY_JWT_SECRET: string
  LW_VIRTUAL_KEY_PEPPER: string
  CONTROL_PLANE_ADMIN_TOKEN: string
  CONTROL_PLANE_ENCRYPTION_KEY: string
}

/**
 * Generates one set of secrets (256 bits each). Persist them with the data directory: a new
 * pepper or encryption key makes existing keys and credentials unusable.
 *
 * @example
 * const secrets = generateControlPlaneSecrets()
 * spawn('node', ['apps/control-plane/dist/main.js'], { env: { ...process.env, ...secrets } })
 */
export function generateControlPlaneSecrets(): ControlPlaneSecrets {
  const secret = () => randomBytes(32).toString('base64url')
  return {
    LW_GATEWAY_INTERNAL_SECRET: secret(),
    LW_GATEWAY_JWT_SECRET: secret(),
    LW_VIRTUAL_KEY_PEPPER: secret(),
    CONTROL_PLANE_ADMIN_TOKEN: secret(),
    CONTROL_PLANE_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  }
}
