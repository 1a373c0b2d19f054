// Closed-loop maximum throughput with wrk (-t 1): one POST body (one key, or keys in rotation),
// parsed from the script's JSON line.
import { randomInt } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Pinning, spawnChild } from '../processes.js'

/** What one wrk run reports. */
export interface WrkResult {
  requests: number
  seconds: number
  requestsPerSecond: number
  /** Connect, read, write, timeout and non-2xx/3xx responses together. */
  errors: number
  /** Of those, the non-2xx/3xx responses (e.g. the 401s of unknown keys). */
  statusErrors: number
  p50Ms: number
  p99Ms: number
}

/** Options for {@link runWrk}. */
export interface WrkOptions {
  url: string
  body: string
  authorization?: string
  connections: number
  durationSeconds: number
  pinning: Pinning
  /** Core for wrk when pinning. */
  core: number
  /** Rotate Authorization over a key file (rotate-keys.lua) instead of one fixed header. */
  rotate?: { keysFile: string; missPerMille: number }
}

const scriptPath = fileURLToPath(new URL('./post-chat.lua', import.meta.url))
const rotateScriptPath = fileURLToPath(new URL('./rotate-keys.lua', import.meta.url))
// Linux caps one environment string at 128 KiB: larger bodies reach wrk through a file.
const largestEnvBody = 64 * 1024

interface WrkLine {
  requests: number
  durationUs: number
  connectErrors: number
  readErrors: number
  writeErrors: number
  statusErrors: number
  timeouts: number
  p50Us: number
  p99Us: number
}

/**
 * Runs wrk with one thread for `durationSeconds` and parses its summary.
 *
 * @example
 * const result = await runWrk({ url: `${base}/v1/chat/completions`, body, connections: 32, durationSeconds: 15, pinning, core: 0 })
 */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const duration = Math.max(1, Math.round(options.durationSeconds))
  const directory =
    options.body.length > largestEnvBody ? mkdtempSync(join(tmpdir(), 'gw-bench-wrk-')) : undefined
  const bodyFile = directory === undefined ? '' : join(directory, 'body.json')
  if (directory !== undefined) writeFileSync(bodyFile, options.body, { mode: 0o600 })
  const rotate = options.rotate
  const env: Record<string, string> = {
    BENCH_BODY: directory === undefined ? options.body : '',
    BENCH_BODY_FILE: bodyFile,
    BENCH_AUTH: options.authorization ?? '',
  }
  if (rotate !== undefined) {
    env.BENCH_KEYS_FILE = rotate.keysFile
    env.BENCH_MISS_PER_MILLE = String(rotate.missPerMille)
    env.BENCH_MISS_SALT = String(randomInt(100_000, 1_000_000))
  }
  const wrk = spawnChild({
    name: 'wrk',
    command: 'wrk',
    args: [
      '-t',
      '1',
      '-c',
      String(options.connections),
      '-d',
      `${duration}s`,
      '--timeout',
      '5s',
      '-s',
      rotate === undefined ? scriptPath : rotateScriptPath,
      options.url,
    ],
    env,
    core: options.core,
    pinning: options.pinning,
  })
  let json: string | undefined
  try {
    ;[, json] = await wrk.waitForLine(/^BENCH_WRK (\{.*\})$/, (duration + 20) * 1_000)
  } finally {
    await wrk.stop()
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true })
  }
  const line = JSON.parse(json ?? '{}') as WrkLine
  const seconds = line.durationUs / 1e6
  return {
    requests: line.requests,
    seconds,
    requestsPerSecond: line.requests / seconds,
    errors: line.connectErrors + line.readErrors + line.writeErrors + line.statusErrors + line.timeouts,
    statusErrors: line.statusErrors,
    p50Ms: line.p50Us / 1_000,
    p99Ms: line.p99Us / 1_000,
  }
}
