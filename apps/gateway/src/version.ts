// The gateway's version, read once from its package.json (same relative path from src/ and dist/).
import { readFileSync } from 'node:fs'

/** `version` of @gw/gateway's package.json, reported by /healthz and --version. */
export const gatewayVersion: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version
