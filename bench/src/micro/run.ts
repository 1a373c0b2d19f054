// Entry of `pnpm bench:micro`: times every registered microbenchmark, estimates allocations in a
// second process (its large young generation would slow the timings), rewrites the micro section.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { writeBenchmarkSection } from '../shared/bench-document.js'
import { describeMachine } from '../shared/machine.js'
import './benches/index.js'
import { allocationNodeFlags, measureAllocation, measureTiming } from './measure-operation.js'
import { isSkipped, listMicro, type MicroBenchmark, type PreparedBenchmark } from './registry.js'
import { type MicroOutcome, renderMicroSection } from './render-micro.js'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    filter: { type: 'string' },
    // Internal: the allocation pass, run as a child of the timing pass.
    allocations: { type: 'boolean', default: false },
  },
})
const quick = values.quick ?? false
const filter = values.filter === undefined ? undefined : new RegExp(values.filter, 'i')
const selected = listMicro().filter((benchmark) => filter === undefined || filter.test(benchmark.name))
const allocationLine = /^BENCH_ALLOC (\{.*\})$/

async function prepare(benchmark: MicroBenchmark): Promise<PreparedBenchmark | string> {
  try {
    const prepared = await benchmark.setup({ quick })
    return isSkipped(prepared) ? `skipped: ${prepared.skipped}` : prepared
  } catch (error) {
    return `failed in setup: ${error instanceof Error ? error.message : String(error)}`
  }
}

async function runAllocationPass(): Promise<void> {
  for (const benchmark of selected) {
    const prepared = await prepare(benchmark)
    if (typeof prepared === 'string') continue
    try {
      const bytes = await measureAllocation(prepared.operation)
      console.log(`BENCH_ALLOC ${JSON.stringify({ name: benchmark.name, bytes })}`)
    } finally {
      await prepared.teardown?.()
    }
  }
}

// Runs this file again with the allocation flags and collects bytes/op per benchmark name.
function collectAllocations(): Map<string, number> {
  const args = [
    ...allocationNodeFlags,
    ...process.execArgv.filter((flag) => flag !== '--expose-gc'),
    fileURLToPath(import.meta.url),
    '--allocations',
    ...(values.filter === undefined ? [] : ['--filter', values.filter]),
  ]
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 180_000 })
  const allocations = new Map<string, number>()
  for (const line of child.stdout.split('\n')) {
    const json = allocationLine.exec(line)?.[1]
    if (json === undefined) continue
    const { name, bytes } = JSON.parse(json) as { name: string; bytes: number | null }
    if (bytes !== null) allocations.set(name, bytes)
  }
  if (allocations.size === 0)
    console.error(`allocation pass produced nothing:\n${child.stderr.slice(-2_000)}`)
  return allocations
}

async function runTimingPass(): Promise<void> {
  const startedAt = new Date()
  const machine = describeMachine()
  console.log('allocation pass…')
  const allocations = collectAllocations()
  const outcomes: MicroOutcome[] = []
  for (const benchmark of selected) {
    const prepared = await prepare(benchmark)
    let outcome: MicroOutcome
    if (typeof prepared === 'string') outcome = { benchmark, status: prepared }
    else {
      try {
        const timing = await measureTiming(prepared.operation, { quick })
        const result = { ...timing, bytesPerOp: allocations.get(benchmark.name) }
        outcome = { benchmark, status: 'ok', result, note: prepared.note }
      } catch (error) {
        outcome = { benchmark, status: `failed: ${error instanceof Error ? error.message : String(error)}` }
      } finally {
        await prepared.teardown?.()
      }
    }
    outcomes.push(outcome)
    const { result } = outcome
    const detail =
      result === undefined
        ? outcome.status
        : `${result.avgNs.toFixed(1)} ns/op, ~${result.bytesPerOp?.toFixed(0) ?? '?'} B/op`
    console.log(`${benchmark.name.padEnd(34)} ${detail}`)
  }
  const command = `pnpm bench:micro${quick ? ' --quick' : ''}${values.filter ? ` --filter ${values.filter}` : ''}`
  const section = renderMicroSection({ outcomes, machine, command, startedAt, quick })
  console.log(`\nwrote ${writeBenchmarkSection('micro', section)}`)
}

if (values.allocations) await runAllocationPass()
else await runTimingPass()
