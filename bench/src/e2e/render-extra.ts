// Renders the body-size, many-keys and governed parts of the e2e section (all against the floor).
import { type Cell, formatNumber, formatRatio, renderTable } from '../shared/markdown.js'
import { median } from '../shared/stats.js'
import type { GovernedResult } from './governed.js'
import { renderTurnsTable } from './render-paired.js'
import type { E2eReport } from './report.js'

function renderBodySizes(report: E2eReport): string[] {
  if (!report.bodySizes.ok) return []
  const rows: Cell[][] = report.bodySizes.value.map((row) => [
    row.label,
    row.stream ? 'stream' : 'non-stream',
    formatNumber(row.bytes),
    formatNumber(row.floor.cpuMicrosPerRequest, 1),
    formatNumber(row.gateway.cpuMicrosPerRequest, 1),
    formatRatio(row.gateway.cpuMicrosPerRequest, row.floor.cpuMicrosPerRequest),
    formatNumber(row.floor.requestsPerSecond),
    formatNumber(row.gateway.requestsPerSecond),
    formatNumber(row.floor.errors + row.gateway.errors),
  ])
  return [
    '### Request body sizes (floor vs gateway, same run)',
    '',
    'Bodies from `src/e2e/bodies.ts`: the two-message chat (190 B), and agent turns built',
    'deterministically to 50 KB and 200 KB (a long system prompt, two tools, then user / assistant',
    'tool call / 2.4 KB tool result rounds). Per body and mode: 1 s warm-up, then wrk on the floor',
    `and on the gateway one after the other (${report.plan.bodySeconds} s each, ${report.plan.connections} connections).`,
    '',
    renderTable(
      [
        'body',
        'mode',
        'bytes',
        'floor CPU µs/req',
        'gateway CPU µs/req',
        'gateway ÷ floor',
        'floor req/s',
        'gateway req/s',
        'failed',
      ],
      rows,
    ),
    '',
  ]
}

function renderManyKeys(report: E2eReport): string[] {
  if (!report.manyKeys.ok) return []
  const result = report.manyKeys.value
  const floorCpu = result.floor.closedLoop.cpuMicrosPerRequest
  const rows: Cell[][] = [result.floor, result.hits, result.withMisses, result.withLookups].map((run) => [
    run.label,
    formatNumber(run.closedLoop.cpuMicrosPerRequest, 1),
    formatRatio(run.closedLoop.cpuMicrosPerRequest, floorCpu),
    formatNumber(run.closedLoop.requestsPerSecond),
    `${formatNumber(run.p50AtRateMs, 3)} / ${formatNumber(run.p99AtRateMs, 3)}`,
    run.misses === undefined ? '—' : formatNumber(run.misses),
    formatNumber(run.closedLoop.statusErrors + run.rateErrors),
    run.closedLoop.extraCpuMicrosPerRequest === undefined
      ? '—'
      : formatNumber(run.closedLoop.extraCpuMicrosPerRequest, 1),
  ])
  return [
    `### Many keys (${formatNumber(result.keys)} distinct keys, round robin)`,
    '',
    `${formatNumber(result.keys)} keys bulk-seeded into the control plane like the cold start's; a fresh`,
    'gateway with the bootstrap pull (`LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_ALL_KEYS=true`) has all of them',
    "cached at ready. Then, after 2 s of the same load not counted (JIT, the pull's garbage), wrk with `load/rotate-keys.lua` (the Authorization header rotates over every",
    'key) and the 1,000 req/s client with the same rotation; the floor gets the same headers (it ignores',
    `them). The miss runs replace ${formatNumber(result.missPerMille / 10, 1)} % of requests, evenly spread, with a fresh well-formed key that`,
    'was never issued. Such a key is not in the auth cache (a **miss**): the gateway may ask the control',
    'plane to resolve it, which finds nothing, and answers `401 invalid_api_key`. Those lookups are',
    'rationed (`LW_GATEWAY_AUTH_LOOKUP_RATE`, 200/s, and `…_PER_CLIENT`, 20/s per client address, bursts',
    '2× and 4×); past the ration the key gets 429 `auth_lookup_rate_limited` without a lookup. All load here comes from',
    'one loopback address, so with the defaults most unknown keys are answered by the ration; the last',
    'row is a second gateway with rationing lifted, where every unknown key costs a lookup. "cache',
    'misses" counts the lookups the gateway made (`gateway_auth_cache_events_total{event="miss"}`),',
    '"non-200" the 401s and 429s. Seeded keys are deleted afterwards so the cold start pulls only its own.',
    '',
    renderTable(
      [
        'run',
        'CPU µs/req at max',
        '÷ floor',
        'max req/s',
        'p50 / p99 at 1,000 req/s (ms)',
        'cache misses',
        'non-200',
        'control-plane CPU µs/req',
      ],
      rows,
    ),
    '',
  ]
}

/**
 * How busy each side kept its core during its turns. Below 95 % the gateway was not the limit
 * (the load core was: wrk, the mock and the control plane's ledger ingest share it), and a
 * process that is not saturated pays more CPU per request: its max req/s is then a floor on its
 * own, not a measure of it.
 */
export function governedBusyLine(blocks: GovernedResult['blocks']): string {
  const governed = median(blocks.map((block) => block.gateway.busyPercent))
  const floor = median(blocks.map((block) => block.floor.busyPercent))
  const reading =
    governed < 95
      ? 'below 95 %, so the limit was the load core (wrk, the mock and the control plane’s ledger ingest), not the gateway, and a gateway that is not saturated pays more CPU per request'
      : 'saturated: the gateway itself was the limit'
  return `During its turns the governed gateway kept its core ${formatNumber(governed, 0)} % busy (the floor ${formatNumber(floor, 0)} %; medians of the blocks): ${reading}.`
}

function renderGoverned(report: E2eReport): string[] {
  if (!report.governed.ok) return []
  const governed = report.governed.value
  const controlPlane = governed.blocks.map((block) => block.gateway.extraCpuMicrosPerRequest ?? 0)
  const failed = governed.blocks.reduce((sum, block) => sum + block.floor.errors + block.gateway.errors, 0)
  return [
    '### Governed gateway (budget, policy, tracing at 0.1)',
    '',
    `A second gateway process on the SUT core, parts on: ${governed.parts.join(', ') || 'none'}; its ${governed.description}. The floor and it`,
    `took turns in ${governed.blocks.length} blocks of ${report.plan.pairedBlockSeconds} s of wrk after a 2 s warm-up each; the sink received ${formatNumber(governed.exports)} OTLP export requests during the load;`,
    `the control plane spent ${formatNumber(median(controlPlane), 1)} µs of CPU per governed request (median of the blocks); ${formatNumber(failed)} requests failed.`,
    governedBusyLine(governed.blocks),
    '',
    renderTurnsTable(governed, 'governed'),
    '',
  ]
}

/**
 * The Markdown of the body-size, many-keys and governed runs (empty parts when not run).
 *
 * @example
 * lines.push(...renderExtraRuns(report))
 */
export function renderExtraRuns(report: E2eReport): string[] {
  return [...renderBodySizes(report), ...renderManyKeys(report), ...renderGoverned(report)]
}
