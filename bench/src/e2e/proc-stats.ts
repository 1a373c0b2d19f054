// CPU time and resident memory of a process, read from /proc (Linux only).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

function readClockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 2_000 }).trim())
    return Number.isFinite(value) && value > 0 ? value : 100
  } catch {
    return 100
  }
}

const ticksPerSecond = readClockTicksPerSecond()

/**
 * User + system CPU time of `pid` (all threads) in microseconds, at the kernel's tick resolution
 * (usually 10 ms: measure over seconds, not milliseconds).
 *
 * @example
 * const before = readCpuMicros(pid); await load(); const used = readCpuMicros(pid) - before
 */
export function readCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name is in parentheses and may contain spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const userTicks = Number(fields[11])
  const systemTicks = Number(fields[12])
  return ((userTicks + systemTicks) * 1_000_000) / ticksPerSecond
}

/**
 * Resident set size of `pid` in bytes (VmRSS).
 *
 * @example
 * readRssBytes(gateway.pid) / 2 ** 20 // MiB
 */
export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kibibytes = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1]
  if (kibibytes === undefined) throw new Error(`no VmRSS for pid ${pid}`)
  return Number(kibibytes) * 1024
}
