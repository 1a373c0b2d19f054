// Describes the machine and revision a benchmark ran on, for the header of each BENCHMARKS.md section.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import * as os from 'node:os'
import { renderWakeupCost, type WakeupCost } from './wakeup-cost.js'

/** What the numbers depend on besides the code. */
export interface MachineInfo {
  cores: number
  cpuModel: string
  ramGiB: number
  node: string
  os: string
  commit: string
  /** 1-minute load average when the run started: other work competing for the cores. */
  loadAtStart: number
  /** What a timer wakeup from idle costs this host (see `measureWakeupCost`), when measured. */
  wakeup?: WakeupCost
}

function readOsName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8')
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1]
    return `${pretty ?? os.type()} (kernel ${os.release()})`
  } catch {
    return `${os.type()} ${os.release()}`
  }
}

function readCommit(): string {
  try {
    const run = (args: string[]) => execFileSync('git', args, { encoding: 'utf8', timeout: 5_000 }).trim()
    const head = run(['rev-parse', '--short', 'HEAD'])
    // BENCHMARKS.md itself does not count: `pnpm bench` rewrites it (micro) before e2e starts.
    const dirty =
      run([
        'status',
        '--porcelain',
        '--untracked-files=no',
        '--',
        ':/',
        ':(exclude,top)bench/BENCHMARKS.md',
      ]) !== ''
    return dirty ? `${head} (with uncommitted changes)` : head
  } catch {
    return 'unknown (not a git checkout)'
  }
}

/**
 * Collects core count, CPU model, RAM, Node and OS versions, and the git commit. Call it before
 * the run starts so the load average shows what else was running.
 *
 * @example
 * const machine = describeMachine()
 */
export function describeMachine(): MachineInfo {
  return {
    loadAtStart: os.loadavg()[0] ?? 0,
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: readOsName(),
    commit: readCommit(),
  }
}

/**
 * The machine block as Markdown bullet lines, with the command that produced the run.
 *
 * @example
 * renderMachine(describeMachine(), 'pnpm bench:micro')
 */
export function renderMachine(machine: MachineInfo, command: string, startedAt: Date): string {
  return [
    `- Run: ${startedAt.toISOString()} — \`${command}\``,
    `- Machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.ramGiB} GiB RAM`,
    `- Software: Node ${machine.node}, ${machine.os}`,
    `- Commit: ${machine.commit}`,
    `- Load average (1 min) at start: ${machine.loadAtStart.toFixed(2)} on ${machine.cores} cores${machine.loadAtStart > 0.5 ? ' — other processes were competing for the cores: numbers are pessimistic and noisy' : ''}`,
    ...(machine.wakeup === undefined ? [] : [renderWakeupCost(machine.wakeup)]),
  ].join('\n')
}
