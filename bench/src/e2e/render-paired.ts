// Renders the paired floor/gateway run of the e2e section: each block's ratios, then 1,000 req/s pooled.
import { formatNumber, formatRatio, renderTable } from '../shared/markdown.js'
import { median } from '../shared/stats.js'
import type { LoadTurn, PairedLoadResult } from './paired-load.js'
import type { E2eReport } from './report.js'

/**
 * One row per block (who went first, both sides' CPU per request and req/s, their ratios), then
 * the medians of the ratios.
 *
 * @example
 * renderTurnsTable(report.governed.value, 'governed gateway')
 */
export function renderTurnsTable(
  turns: {
    blocks: ReadonlyArray<{ floor: LoadTurn; gateway: LoadTurn; instance?: number }>
    cpuRatio: number
    requestsPerSecondRatio: number
  },
  label: string,
): string {
  // Blocks that rotated over several processes say which one took the turn.
  const processes = turns.blocks.some((block) => block.instance !== undefined)
  const rows = turns.blocks.map((block, index) => [
    String(index + 1),
    index % 2 === 0 ? 'floor' : label,
    ...(processes ? [`#${(block.instance ?? 0) + 1}`] : []),
    formatNumber(block.floor.cpuMicrosPerRequest, 1),
    formatNumber(block.gateway.cpuMicrosPerRequest, 1),
    formatRatio(block.gateway.cpuMicrosPerRequest, block.floor.cpuMicrosPerRequest),
    formatNumber(block.floor.requestsPerSecond),
    formatNumber(block.gateway.requestsPerSecond),
    formatRatio(block.gateway.requestsPerSecond, block.floor.requestsPerSecond),
  ])
  rows.push([
    'median',
    '',
    ...(processes ? [''] : []),
    '',
    '',
    `${turns.cpuRatio.toFixed(2)}×`,
    '',
    '',
    `${turns.requestsPerSecondRatio.toFixed(2)}×`,
  ])
  return renderTable(
    [
      'block',
      'first',
      ...(processes ? [`${label} process`] : []),
      'floor CPU µs/req',
      `${label} CPU µs/req`,
      `${label} ÷ floor`,
      'floor req/s',
      `${label} req/s`,
      `${label} ÷ floor`,
    ],
    rows,
  )
}

/** `#1 1.45× (3 blocks), #2 …`: each gateway process's median CPU ratio over its own blocks. */
function perProcess(paired: PairedLoadResult): string {
  const parts: string[] = []
  for (let instance = 0; instance < paired.instances; instance++) {
    const own = paired.blocks.filter((block) => block.instance === instance)
    if (own.length === 0) continue
    const ratio = median(
      own.map((block) => block.gateway.cpuMicrosPerRequest / block.floor.cpuMicrosPerRequest),
    )
    parts.push(`#${instance + 1} ${ratio.toFixed(2)}× (${own.length} block${own.length === 1 ? '' : 's'})`)
  }
  return parts.join(', ')
}

/**
 * The "taking turns" subsection; empty when the paired run did not run.
 *
 * @example
 * lines.push(...renderPaired(report))
 */
export function renderPaired(report: E2eReport): string[] {
  if (!report.paired.ok) return []
  const paired = report.paired.value
  const { rate } = paired
  const side = (label: string, each: typeof rate.floor) => [
    label,
    formatNumber(each.p50, 3),
    formatNumber(each.p99, 3),
    formatNumber(each.cpuMicrosPerRequest, 1),
    formatNumber(each.samples),
    formatNumber(each.errors),
  ]
  return [
    '### Floor and gateway taking turns (the CPU, throughput and added-p99 targets)',
    '',
    `After the suites above, the floor and the gateway ran again in ${paired.blocks.length} blocks of`,
    `${paired.blockSeconds} s of wrk each (${report.plan.connections} connections), taking turns: a slow minute on the host`,
    'lands on both sides of a block instead of on whichever ran then. The targets take the median',
    "of the blocks' ratios.",
    ...(paired.instances > 1
      ? [
          `The gateway's turns rotate over ${paired.instances} processes of the same build, started and warmed up alike`,
          `(two such processes read a few per cent apart for a whole run). Median CPU ratio per process: ${perProcess(paired)}.`,
        ]
      : []),
    '',
    renderTurnsTable(paired, 'gateway'),
    '',
    `Then ${formatNumber(rate.requestsPerSecond)} req/s, ${rate.blocks} blocks of ${rate.blockSeconds} s per side (the first half second`,
    "of each is warm-up), taking turns; percentiles over each side's samples pooled:",
    '',
    renderTable(
      ['at 1,000 req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'samples', 'failed'],
      [
        side('floor', rate.floor),
        side('gateway', rate.gateway),
        [
          'gateway − floor',
          formatNumber(rate.gateway.p50 - rate.floor.p50, 3),
          formatNumber(rate.gateway.p99 - rate.floor.p99, 3),
          formatNumber(rate.gateway.cpuMicrosPerRequest - rate.floor.cpuMicrosPerRequest, 1),
          '',
          '',
        ],
      ],
    ),
    '',
  ]
}
