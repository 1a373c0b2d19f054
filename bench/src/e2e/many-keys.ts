// Many keys: 10,000 distinct keys in round robin (auth-cache hits over a large working set), then
// the same with 5 % unknown keys mixed in (auth-cache misses); floor vs gateway, same run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseVirtualKeyId, pepperedDigest } from '@gw/auth-cache'
import { missSample, readMetric } from './cold-start.js'
import type { ControlPlaneStack, GatewayStackOptions } from './gateway-stack.js'
import { type ClosedLoopResult, runClosedLoop } from './load/closed-loop.js'
import { runConstantRate } from './load/constant-rate.js'
import type { SuiteContext, Target } from './measure-target.js'
import { startGatewayProcess } from './stack/gateway-process.js'
import { mintKeys } from './stack/mint-keys.js'

/** One many-keys run on one target: closed loop (CPU, req/s) and 1,000 req/s (p99). */
export interface ManyKeysRun {
  label: string
  closedLoop: ClosedLoopResult
  p99AtRateMs: number
  p50AtRateMs: number
  /** Non-200 answers at the fixed rate (the unknown keys' 401s and rationed 429s in the miss run). */
  rateErrors: number
  /** Auth-cache misses the gateway counted over both loads (undefined for the floor). */
  misses?: number
}

/** The many-keys result. */
export interface ManyKeysResult {
  keys: number
  missPerMille: number
  floor: ManyKeysRun
  hits: ManyKeysRun
  /** 5 % unknown keys with the default lookup rationing (most answered 429 without a lookup). */
  withMisses: ManyKeysRun
  /** 5 % unknown keys with rationing lifted: each one a control-plane lookup. */
  withLookups: ManyKeysRun
}

const missPerMille = 50
const rate = 1_000

// The same fresh-unknown-key rule as rotate-keys.lua: `missPerMille` of every 1,000 requests.
function authorizationAt(keys: readonly string[], withMisses: boolean, salt: number) {
  return (index: number) =>
    withMisses && ((index + 1) * 37) % 1_000 < missPerMille
      ? `Bearer lw_vk_live_01JBENCHMSS000000000000000${String(salt).padStart(6, '0')}${String(index).padStart(26, '0')}`
      : `Bearer ${keys[index % keys.length]}`
}

/** Closed-loop seconds with the same rotation before each measured run (not counted). */
const warmupSeconds = 2

async function runOne(
  label: string,
  target: Target,
  context: SuiteContext,
  keysFile: string,
  keys: readonly string[],
  withMisses: boolean,
  gatewayUrl: string | undefined,
  controlPlanePid: number | undefined,
): Promise<ManyKeysRun> {
  const seconds = context.plan.manyKeysSeconds
  context.log(`many keys: ${label}, ${seconds} s closed loop then ${rate} req/s`)
  const missesBefore = gatewayUrl === undefined ? 0 : await readMetric(gatewayUrl, missSample)
  const rotate = { keysFile, missPerMille: withMisses ? missPerMille : 0 }
  // A fresh gateway's first seconds are JIT compilation and the collection of the bootstrap pull's
  // garbage (a fresh gateway measured without this read 175–191 µs per request, then 99–108 µs
  // over the same keys): warm up like every other target, with the same rotation.
  await runClosedLoop(target, context, context.bodies.chat, warmupSeconds, { rotate })
  const closedLoop = await runClosedLoop(target, context, context.bodies.chat, seconds, {
    rotate,
    extraPid: controlPlanePid,
  })
  const atRate = await runConstantRate({
    url: target.url,
    body: context.bodies.chat,
    requestsPerSecond: rate,
    durationSeconds: context.plan.manyKeysSeconds,
    authorizationAt: authorizationAt(keys, withMisses, Math.floor(Math.random() * 900_000) + 100_000),
  })
  return {
    label,
    closedLoop,
    p50AtRateMs: atRate.service.p50,
    p99AtRateMs: atRate.service.p99,
    rateErrors: atRate.errors,
    misses: gatewayUrl === undefined ? undefined : (await readMetric(gatewayUrl, missSample)) - missesBefore,
  }
}

// Lookups of unknown keys are rationed (LW_GATEWAY_AUTH_LOOKUP_RATE, 200/s, and _PER_CLIENT, 20/s
// per address): the second gateway lifts both so every miss costs a real control-plane lookup.
const unrationed = {
  LW_GATEWAY_AUTH_LOOKUP_RATE: '1000000',
  LW_GATEWAY_AUTH_LOOKUP_RATE_PER_CLIENT: '1000000',
}

async function startManyKeysGateway(
  stack: ControlPlaneStack,
  options: GatewayStackOptions,
  count: number,
  extraEnv: Record<string, string>,
) {
  const gateway = await startGatewayProcess({
    controlPlaneUrl: stack.controlPlane.url,
    secrets: stack.secrets,
    pinning: options.pinning,
    core: options.systemCore,
    logLevel: options.logLevel,
    mode: options.mode,
    // The bootstrap pull warms the cache with every key before ready (the lookup rationing would
    // turn a burst of first requests into 429s).
    env: {
      LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_ALL_KEYS: 'true',
      LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_TIMEOUT: '120s',
      ...extraEnv,
    },
  })
  if (!gateway.ok) throw new Error(gateway.reason)
  const { url, handle } = gateway.value
  const cached = await readMetric(url, 'gateway_auth_cache_entries')
  if (cached < count) {
    await handle.stop()
    throw new Error(`the bootstrap pull cached ${cached} of ${count} keys`)
  }
  const target: Target = {
    label: 'gateway',
    url: `${url}/v1/chat/completions`,
    pid: handle.pid,
    process: handle,
  }
  return { url, target, stop: () => handle.stop() }
}

/**
 * Seeds `count` keys through the stack's control plane (like the cold start), starts a gateway
 * with the bootstrap pull (every key cached at ready), runs the floor and that gateway with the
 * keys in rotation, then with 5 % unknown keys (default lookup rationing); then a second gateway
 * with rationing lifted, 5 % unknown keys again. Deletes the seeded keys afterwards.
 *
 * @example
 * const manyKeys = await measureManyKeys(stack, stackOptions, floorTarget, context, 10_000)
 */
export async function measureManyKeys(
  stack: ControlPlaneStack,
  options: GatewayStackOptions,
  floor: Target,
  context: SuiteContext,
  count: number,
): Promise<ManyKeysResult> {
  context.log(`many keys: seeding ${count} keys`)
  const minted = mintKeys(count, (key) => pepperedDigest(stack.secrets.pepper, key))
  await stack.controlPlane.seedKeys(parseVirtualKeyId(stack.key) ?? '', minted.rows)
  const directory = await mkdtemp(join(tmpdir(), 'gw-bench-keys-'))
  try {
    const keysFile = join(directory, 'keys.txt')
    await writeFile(keysFile, `${minted.keys.join('\n')}\n`, { mode: 0o600 })
    const controlPlanePid = stack.controlPlane.handle.pid
    const keys = minted.keys
    const floorRun = await runOne('floor', floor, context, keysFile, keys, false, undefined, undefined)
    context.log('many keys: gateway with the bootstrap pull (default lookup rationing)')
    const rationed = await startManyKeysGateway(stack, options, count, {})
    let hits: ManyKeysRun
    let withMisses: ManyKeysRun
    try {
      hits = await runOne(
        'gateway, all hits',
        rationed.target,
        context,
        keysFile,
        keys,
        false,
        rationed.url,
        controlPlanePid,
      )
      withMisses = await runOne(
        'gateway, 5 % unknown keys (default rationing)',
        rationed.target,
        context,
        keysFile,
        keys,
        true,
        rationed.url,
        controlPlanePid,
      )
    } finally {
      await rationed.stop()
    }
    context.log('many keys: gateway with lookup rationing lifted')
    const open = await startManyKeysGateway(stack, options, count, unrationed)
    try {
      const withLookups = await runOne(
        'gateway, 5 % unknown keys, each looked up',
        open.target,
        context,
        keysFile,
        keys,
        true,
        open.url,
        controlPlanePid,
      )
      return { keys: count, missPerMille, floor: floorRun, hits, withMisses, withLookups }
    } finally {
      await open.stop()
    }
  } finally {
    await rm(directory, { recursive: true, force: true })
    await stack.controlPlane.unseedKeys()
  }
}
