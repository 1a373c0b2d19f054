// Where the gateway's production entry is: `src/main.ts` (run from source) or `dist/main.js`
// (built), and whether the build is fresh enough to stand for the current sources.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodeSourceArgs } from '../processes.js'

/** How the gateway process is started. */
export type GatewayStartMode = 'source' | 'built'

/** A command line that starts the gateway. */
export interface GatewayEntry {
  mode: GatewayStartMode
  args: string[]
  /** For the report. */
  description: string
}

function gatewaySourceIndex(): URL | undefined {
  try {
    return new URL(import.meta.resolve('@gw/gateway'))
  } catch {
    return undefined
  }
}

/**
 * The Node flags the entry's shebang passes (`#!/usr/bin/env -S node --flag …`), which the
 * `gw-gateway` bin and its package-manager shims run with; the bench starts `node` itself, so it
 * passes them too, or it would measure a differently tuned process than production runs.
 *
 * @example
 * shebangNodeFlags('/repo/apps/gateway/dist/main.js') // → ['--max-semi-space-size=8', '--single-threaded-gc']
 */
export function shebangNodeFlags(file: string): string[] {
  const firstLine = readFileSync(file, 'utf8').split('\n', 1)[0] ?? ''
  const flags = /^#!\/usr\/bin\/env -S node((?:\s+--\S+)*)\s*$/.exec(firstLine)?.[1]
  return flags?.match(/--\S+/g) ?? []
}

/**
 * The gateway entry for `mode`, or undefined while that file does not exist. `source` runs
 * `src/main.ts` with the workspace's source condition through tsx (like `bench:e2e` itself);
 * `built` runs `dist/main.js` with plain Node, as the published `gw-gateway` bin does.
 *
 * @example
 * const entry = findGatewayEntry('built') ?? findGatewayEntry('source')
 */
export function findGatewayEntry(mode: GatewayStartMode): GatewayEntry | undefined {
  const sourceIndex = gatewaySourceIndex()
  if (sourceIndex === undefined) return undefined
  if (mode === 'source') {
    const file = fileURLToPath(new URL('./main.ts', sourceIndex))
    if (!existsSync(file)) return undefined
    const flags = shebangNodeFlags(file)
    return {
      mode,
      args: [...nodeSourceArgs, ...flags, file],
      description: `from source (node --import=tsx ${flags.map((flag) => `${flag} `).join('')}src/main.ts)`,
    }
  }
  const file = fileURLToPath(new URL('../dist/main.js', sourceIndex))
  if (!existsSync(file)) return undefined
  const flags = shebangNodeFlags(file)
  return {
    mode,
    args: [...flags, file],
    description: `built (node ${flags.map((flag) => `${flag} `).join('')}apps/gateway/dist/main.js)`,
  }
}

function newestSourceMs(directory: string): number {
  let newest = 0
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs)
    }
  }
  return newest
}

/**
 * Why the built gateway would not run the current code (a workspace package whose `src/` is newer
 * than its `dist/`), or undefined when every build is fresh. Checks the gateway and every package
 * under `packages/`.
 *
 * @example
 * const stale = findStaleBuild() // 'packages/providers: src/ is newer than dist/'
 */
export function findStaleBuild(): string | undefined {
  const sourceIndex = gatewaySourceIndex()
  if (sourceIndex === undefined) return '@gw/gateway does not resolve'
  const root = fileURLToPath(new URL('../../../', sourceIndex))
  const packageDirectories = [
    'apps/gateway',
    ...readdirSync(join(root, 'packages')).map((name) => `packages/${name}`),
  ]
  for (const relative of packageDirectories) {
    const source = join(root, relative, 'src')
    const built = join(root, relative, 'dist', relative === 'apps/gateway' ? 'main.js' : 'index.js')
    if (!existsSync(source)) continue
    if (!existsSync(built))
      return `${relative}: no ${relative === 'apps/gateway' ? 'dist/main.js' : 'dist/index.js'}`
    if (newestSourceMs(source) > statSync(built).mtimeMs) return `${relative}: src/ is newer than dist/`
  }
  return undefined
}
