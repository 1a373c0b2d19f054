// Cold start with many keys: bulk-seed N keys in the control plane, start a fresh gateway with the
// bootstrap pull on and time it to ready, then send one first request per key and count cache misses.
import { performance } from 'node:perf_hooks'
import { parseVirtualKeyId, pepperedDigest } from '@gw/auth-cache'
import { Pool, request } from 'undici'
import type { ControlPlaneStack, GatewayStackOptions } from './gateway-stack.js'
import type { E2ePlan } from './plan.js'
import { readCpuMicros } from './proc-stats.js'
import type { ColdStartResult, Outcome } from './report.js'
import { startGatewayProcess } from './stack/gateway-process.js'
import { mintKeys } from './stack/mint-keys.js'

export interface FirstRequest {
  method: 'GET' | 'POST'
  path: string
  body?: string
  label: string
}

interface DriveResult {
  resolved: number
  failed: number
  /** Keys never sent because the time budget ran out. */
  unsent: number
  seconds: number
  firstFailure?: string
}

/**
 * Sends one request per key with bounded concurrency and time; 200 counts as resolved.
 *
 * @example
 * const drive = await driveFirstRequests(url, keys, 32, { method: "GET", path: "/v1/models", label: "GET /v1/models" }, 30)
 */
export async function driveFirstRequests(
  gatewayUrl: string,
  keys: readonly string[],
  concurrency: number,
  request: FirstRequest,
  budgetSeconds: number,
): Promise<DriveResult> {
  const pool = new Pool(gatewayUrl, { connections: concurrency, pipelining: 1 })
  const deadline = performance.now() + budgetSeconds * 1_000
  let next = 0
  let resolved = 0
  let failed = 0
  let firstFailure: string | undefined
  const startedAt = performance.now()
  const worker = async () => {
    while (next < keys.length && performance.now() < deadline) {
      const key = keys[next++]
      try {
        const response = await pool.request({
          path: request.path,
          method: request.method,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: request.body ?? null,
          headersTimeout: 30_000,
          bodyTimeout: 30_000,
        })
        const text = await response.body.text()
        if (response.statusCode === 200) resolved += 1
        else {
          failed += 1
          firstFailure ??= `${response.statusCode} ${text.slice(0, 200)}`
        }
      } catch (error) {
        failed += 1
        firstFailure ??= error instanceof Error ? error.message : String(error)
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const seconds = (performance.now() - startedAt) / 1_000
  await pool.destroy()
  return { resolved, failed, unsent: keys.length - next, seconds, firstFailure }
}

// GET /v1/models authenticates and loads the key's config without an upstream call.
const modelsRequest: FirstRequest = { method: 'GET', path: '/v1/models', label: 'GET /v1/models' }

/**
 * The bootstrap pull, with a budget well past the target so a slow pull is measured, not cut,
 * and an LRU bound above the key count: the stack's own keys come on top of the seeded ones, and
 * the default 50,000 would (rightly) stop the pull one key short.
 */
function bootstrapEnv(keys: number): Record<string, string> {
  return {
    LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_ALL_KEYS: 'true',
    LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_TIMEOUT: '120s',
    LW_GATEWAY_AUTH_CACHE_LRU_SIZE: String(keys + 1_000),
  }
}

/**
 * Reads one sample of the gateway's /metrics (0 when absent).
 *
 * @example
 * const misses = await readMetric(gatewayUrl, missSample)
 */
export async function readMetric(gatewayUrl: string, sample: string): Promise<number> {
  const response = await request(`${gatewayUrl}/metrics`)
  const text = await response.body.text()
  const line = text.split('\n').find((each) => each.startsWith(`${sample} `))
  return line === undefined ? 0 : Number(line.slice(sample.length + 1))
}

export const missSample = 'gateway_auth_cache_events_total{event="miss"}'

/**
 * Seeds `plan.coldStartKeys` keys into the stack's control plane, starts a fresh gateway with
 * `LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_ALL_KEYS=true` and times spawn → `/startupz` 200 (the pull
 * ends before it), then sends one first request per key and counts the cache misses they cause.
 *
 * @example
 * const coldStart = await measureColdStart(stack, stackOptions, plan)
 */
export async function measureColdStart(
  stack: ControlPlaneStack,
  options: GatewayStackOptions,
  plan: E2ePlan,
): Promise<Outcome<ColdStartResult>> {
  const { controlPlane, secrets } = stack
  options.log(`cold start: bulk-seeding ${plan.coldStartKeys} keys`)
  const seedStartedAt = performance.now()
  const minted = mintKeys(plan.coldStartKeys, (key) => pepperedDigest(secrets.pepper, key))
  await controlPlane.seedKeys(parseVirtualKeyId(stack.key) ?? '', minted.rows)
  const seedSeconds = (performance.now() - seedStartedAt) / 1_000
  // Several fresh gateways pull the same keys: the target is judged on the median, since one
  // start on two shared cores moves by half a second either way. The last one is kept for the drive.
  const readyRuns: ColdStartResult['readyRuns'] = []
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined
  for (let run = 1; run <= plan.coldStartRuns; run++) {
    if (gateway?.ok) await gateway.value.handle.stop()
    options.log(
      `cold start ${run}/${plan.coldStartRuns}: gateway with the bootstrap pull, spawn → /startupz 200`,
    )
    const controlPlaneCpuAtSpawn = readCpuMicros(controlPlane.handle.pid)
    gateway = await startGatewayProcess({
      controlPlaneUrl: controlPlane.url,
      secrets,
      pinning: options.pinning,
      core: options.systemCore,
      logLevel: options.logLevel,
      mode: options.mode,
      env: bootstrapEnv(plan.coldStartKeys),
    })
    if (!gateway.ok) return gateway
    readyRuns.push({
      readyMs: gateway.value.startupMs,
      cachedAtReady: await readMetric(gateway.value.url, 'gateway_auth_cache_entries'),
      gatewayCpuSeconds: readCpuMicros(gateway.value.handle.pid) / 1e6,
      controlPlaneCpuSeconds: (readCpuMicros(controlPlane.handle.pid) - controlPlaneCpuAtSpawn) / 1e6,
    })
  }
  if (gateway === undefined || !gateway.ok) return { ok: false, reason: 'failed: no cold-start run' }
  const { url, handle } = gateway.value
  try {
    const missesBefore = await readMetric(url, missSample)
    options.log(`cold start: ${modelsRequest.label} once per key, ${plan.coldStartConcurrency} concurrent`)
    const cpuBefore = {
      gateway: readCpuMicros(handle.pid),
      controlPlane: readCpuMicros(controlPlane.handle.pid),
    }
    const drive = await driveFirstRequests(
      url,
      minted.keys,
      plan.coldStartConcurrency,
      modelsRequest,
      plan.coldStartBudgetSeconds,
    )
    if (drive.failed > 0) options.log(`cold start: ${drive.failed} failed, first: ${drive.firstFailure}`)
    if (drive.resolved === 0) {
      return { ok: false, reason: `failed: no key served (first failure: ${drive.firstFailure})` }
    }
    return {
      ok: true,
      value: {
        keys: minted.keys.length,
        seedSeconds,
        readyRuns,
        driveSeconds: drive.seconds,
        served: drive.resolved,
        failed: drive.failed,
        unsent: drive.unsent,
        misses: (await readMetric(url, missSample)) - missesBefore,
        driveCpuSeconds: {
          gateway: (readCpuMicros(handle.pid) - cpuBefore.gateway) / 1e6,
          controlPlane: (readCpuMicros(controlPlane.handle.pid) - cpuBefore.controlPlane) / 1e6,
        },
        concurrency: plan.coldStartConcurrency,
        driver: `one \`${modelsRequest.label}\``,
      },
    }
  } finally {
    await handle.stop()
  }
}
