// Starts the upstream every target forwards to: the built-in mock provider, or the bench's fixed one.
import { fileURLToPath } from 'node:url'
import { type ChildHandle, nodeSourceArgs, type Pinning, spawnChild } from './processes.js'

/** Which upstream to run. `auto` prefers the mock provider and falls back to the fixed reply. */
export type UpstreamKind = 'auto' | 'mock' | 'fixed'

/** A running upstream. */
export interface Upstream {
  url: string
  handle: ChildHandle
  /** What runs, for the report. */
  description: string
}

const entry = (name: string) => fileURLToPath(new URL(`./sut/${name}`, import.meta.url))

function spawnUpstream(file: string, name: string, pinning: Pinning, core: number): ChildHandle {
  return spawnChild({
    name,
    command: process.execPath,
    args: [...nodeSourceArgs, entry(file)],
    core,
    pinning,
  })
}

/**
 * Starts the upstream on `core` and waits until it listens.
 *
 * @example
 * const upstream = await startUpstream('auto', pinning, 0)
 */
export async function startUpstream(kind: UpstreamKind, pinning: Pinning, core: number): Promise<Upstream> {
  let unavailable = ''
  if (kind !== 'fixed') {
    const mock = spawnUpstream('mock-upstream.ts', 'mock provider', pinning, core)
    const [, state, detail] = await mock.waitForLine(/^BENCH_(READY url=|UNAVAILABLE )(.*)$/, 30_000)
    if (state === 'READY url=' && detail !== undefined) {
      return { url: detail, handle: mock, description: '@gw/mock-provider (fast mode: no delays, 3 chunks)' }
    }
    await mock.stop()
    if (kind === 'mock') throw new Error(`mock provider unavailable: ${detail}`)
    unavailable = ` (mock provider unavailable: ${detail})`
  }
  const fixed = spawnUpstream('fixed-upstream.ts', 'fixed upstream', pinning, core)
  const [, url] = await fixed.waitForLine(/^BENCH_READY url=(.*)$/, 30_000)
  return { url: url ?? '', handle: fixed, description: `bench fixed-reply upstream${unavailable}` }
}
