// Cold start with many keys: bulk-seed N keys in the control plane, start a fresh gateway, then
// send one first request per key (each a cache miss that resolves the key) and time until all are in.
import { performance } from 'node:perf_hooks'
import { parseVirtualKeyId, pepperedDigest } from '@gw/auth-cache'
import { Pool } from 'undici'
import type { ControlPlaneStack, GatewayStackOptions } from './gateway-stack.js'
import type { E2ePlan } from './plan.js'
import { readCpuMicros } from './proc-stats.js'
import type { ColdStartResult, Outcome } from './report.js'
import { startGatewayProcess } from './stack/gateway-process.js'
import { mintKeys } from './stack/mint-keys.js'

interface FirstRequest {
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

/** Sends one request per key with bounded concurrency and time; 200 counts as resolved. */
async function driveFirstRequests(
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

// GET /v1/models authenticates and loads the key's config without an upstream call; the chat
// route is the fallback while /v1/models does not exist.
const modelsRequest: FirstRequest = { method: 'GET', path: '/v1/models', label: 'GET /v1/models' }
const chatRequest: FirstRequest = {
  method: 'POST',
  path: '/v1/chat/completions',
  label: 'POST /v1/chat/completions',
  body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4 }),
}

/**
 * Seeds `plan.coldStartKeys` keys into the stack's control plane, starts a fresh gateway (empty
 * cache), and resolves every key through it.
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
  // One extra key probes which route to drive, so the timed set is exactly coldStartKeys.
  const minted = mintKeys(plan.coldStartKeys + 1, (key) => pepperedDigest(secrets.pepper, key))
  await controlPlane.seedKeys(parseVirtualKeyId(stack.key) ?? '', minted.rows)
  const seedSeconds = (performance.now() - seedStartedAt) / 1_000
  const [probeKey, ...keys] = minted.keys
  const gateway = await startGatewayProcess({
    controlPlaneUrl: controlPlane.url,
    secrets,
    pinning: options.pinning,
    core: options.systemCore,
    logLevel: options.logLevel,
    mode: options.mode,
  })
  if (!gateway.ok) return gateway
  try {
    const probe = await driveFirstRequests(gateway.value.url, [probeKey as string], 1, modelsRequest, 30)
    const request = probe.resolved === 1 ? modelsRequest : chatRequest
    options.log(`cold start: ${request.label} once per key, ${plan.coldStartConcurrency} concurrent`)
    const cpuBefore = {
      gateway: readCpuMicros(gateway.value.handle.pid),
      controlPlane: readCpuMicros(controlPlane.handle.pid),
    }
    const drive = await driveFirstRequests(
      gateway.value.url,
      keys,
      plan.coldStartConcurrency,
      request,
      plan.coldStartBudgetSeconds,
    )
    if (drive.unsent > 0) {
      options.log(
        `cold start: stopped at the ${plan.coldStartBudgetSeconds} s budget with ${drive.unsent} keys unsent`,
      )
    }
    if (drive.failed > 0) options.log(`cold start: ${drive.failed} failed, first: ${drive.firstFailure}`)
    if (drive.resolved === 0) {
      const notServed = drive.firstFailure?.startsWith('404') === true
      return {
        ok: false,
        reason: notServed
          ? `skipped: the gateway does not serve ${request.label} yet (404)`
          : `failed: no key resolved (first failure: ${drive.firstFailure})`,
      }
    }
    return {
      ok: true,
      value: {
        keys: keys.length,
        seedSeconds,
        startupMs: gateway.value.startupMs,
        resolveSeconds: drive.seconds,
        resolved: drive.resolved,
        failed: drive.failed,
        unsent: drive.unsent,
        gatewayCpuSeconds: (readCpuMicros(gateway.value.handle.pid) - cpuBefore.gateway) / 1e6,
        controlPlaneCpuSeconds: (readCpuMicros(controlPlane.handle.pid) - cpuBefore.controlPlane) / 1e6,
        concurrency: plan.coldStartConcurrency,
        driver: `one \`${request.label}\``,
      },
    }
  } finally {
    await gateway.value.handle.stop()
  }
}
