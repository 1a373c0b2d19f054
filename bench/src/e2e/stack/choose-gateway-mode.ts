// Picks how the gateway under load is started: the fresh build when there is one, else the sources.
import { findGatewayEntry, findStaleBuild, type GatewayStartMode } from './gateway-entry.js'

/** The chosen start mode and a sentence for the report. */
export interface GatewayModeChoice {
  mode: GatewayStartMode
  /** Whether the built entry exists and may be measured (start-up from it too). */
  builtUsable: boolean
  note: string
}

/**
 * `auto` (default): built when `dist/main.js` exists and no workspace `src/` is newer than its
 * `dist/`; otherwise source, saying why. `built` and `source` force a mode.
 *
 * @example
 * const choice = chooseGatewayMode(values.gateway ?? 'auto')
 */
export function chooseGatewayMode(requested: string): GatewayModeChoice {
  const built = findGatewayEntry('built')
  const source = 'from source (`node --conditions=gw-source --import=tsx apps/gateway/src/main.ts`)'
  if (requested === 'source') return { mode: 'source', builtUsable: false, note: `${source}, as asked` }
  if (requested === 'built') {
    if (built === undefined)
      throw new Error('--gateway built: apps/gateway/dist/main.js does not exist (pnpm build)')
    const stale = findStaleBuild()
    return {
      mode: 'built',
      builtUsable: true,
      note: `${built.description}, as asked${stale === undefined ? '' : ` — stale build (${stale})`}`,
    }
  }
  const stale = built === undefined ? 'no apps/gateway/dist/main.js' : findStaleBuild()
  if (stale === undefined)
    return { mode: 'built', builtUsable: true, note: `${built?.description} (fresh build)` }
  return {
    mode: 'source',
    builtUsable: false,
    note: `${source}, because the build is not usable (${stale}); tsx adds ~25 MB of RSS — run \`pnpm build\` first to measure the built gateway`,
  }
}
