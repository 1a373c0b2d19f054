// Renders the microbenchmark section of BENCHMARKS.md: one table with the Go references beside ours.

import { type MachineInfo, renderMachine } from '../shared/machine.js'
import { formatBytes, formatNanoseconds, formatRatio, renderTable } from '../shared/markdown.js'
import type { MicroTiming } from './measure-operation.js'
import type { MicroBenchmark } from './registry.js'

/** Timing and, when the allocation pass measured it, bytes allocated per call. */
export interface MicroResult extends MicroTiming {
  bytesPerOp: number | undefined
}

/** What happened to one benchmark. */
export interface MicroOutcome {
  benchmark: MicroBenchmark
  /** `ok`, `skipped: …` or `failed: …`. */
  status: string
  result?: MicroResult
  /** What exactly ran, when the benchmark says. */
  note?: string | undefined
}

/** Inputs of {@link renderMicroSection}. */
export interface MicroSectionInput {
  outcomes: readonly MicroOutcome[]
  machine: MachineInfo
  command: string
  startedAt: Date
  quick: boolean
}

/** Go's whole pre-dispatch budget: under 1 µs per request. */
const preDispatchTargetNs = 1_000

function renderPreDispatch(outcomes: readonly MicroOutcome[]): string {
  const parts = outcomes.filter((outcome) => outcome.benchmark.preDispatch)
  const measured = parts.filter((outcome) => outcome.result !== undefined)
  const missing = parts
    .filter((outcome) => outcome.result === undefined)
    .map((outcome) => outcome.benchmark.name)
  const sum = measured.reduce((total, outcome) => total + (outcome.result?.avgNs ?? 0), 0)
  const verdict = sum < preDispatchTargetNs ? 'held' : 'missed'
  const names = measured.map((outcome) => outcome.benchmark.name).join(' + ')
  return [
    `**Whole pre-dispatch** (${names || 'nothing measured'}): ${formatNanoseconds(sum)} per request; target < 1 µs — ${measured.length === 0 ? 'not measured' : verdict}.`,
    missing.length > 0 ? `Not in the sum (not measurable yet): ${missing.join(', ')}.` : '',
  ]
    .filter((line) => line !== '')
    .join(' ')
}

/**
 * Builds the Markdown of the micro section from the run's outcomes.
 *
 * @example
 * writeBenchmarkSection('micro', renderMicroSection({ outcomes, machine, command, startedAt, quick }))
 */
export function renderMicroSection(input: MicroSectionInput): string {
  const rows = input.outcomes.map(({ benchmark, status, result, note }) => {
    const reference = benchmark.reference
    return [
      benchmark.name,
      note === undefined ? benchmark.description : `${benchmark.description} (${note})`,
      result === undefined ? status : formatNanoseconds(result.avgNs),
      formatNanoseconds(result?.p99Ns),
      result?.bytesPerOp === undefined ? '—' : formatBytes(result.bytesPerOp),
      reference === undefined ? '—' : `${reference.name}: ${formatNanoseconds(reference.nsPerOp)}`,
      reference?.allocsPerOp === undefined ? '—' : String(reference.allocsPerOp),
      formatRatio(result?.avgNs, reference?.nsPerOp),
    ]
  })
  return [
    '## Microbenchmarks',
    '',
    renderMachine(input.machine, input.command, input.startedAt),
    `- Sampling: mitata \`measure\`, ${input.quick ? '~0.15 s' : '~0.65 s'} of CPU per benchmark; allocation (a separate process, so its 64 MB young generation does not slow the timings) = heap growth over 10,000 calls between forced GCs, the smallest of 3 rounds.`,
    '',
    renderTable(
      [
        'Benchmark',
        'Operation',
        'ours (avg)',
        'ours p99',
        '≈ heap/op',
        'Go reference (Apple M3)',
        'Go allocs/op',
        'ours ÷ Go',
      ],
      rows,
    ),
    '',
    renderPreDispatch(input.outcomes),
    '',
    'The Go references come from an Apple M3 laptop and a different runtime: compare loosely (the',
    'ratio shows order of magnitude, not a regression). `≈ heap/op` counts bytes, where Go counts allocations.',
  ].join('\n')
}
