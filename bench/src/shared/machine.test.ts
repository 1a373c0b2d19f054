import { describe, expect, it } from 'vitest'
import { describeMachine, type MachineInfo, renderMachine } from './machine.js'

const machine: MachineInfo = {
  cores: 2,
  cpuModel: 'AMD EPYC',
  ramGiB: 24,
  node: 'v20.20.2',
  os: 'Debian',
  commit: 'abc1234',
  loadAtStart: 0.2,
}

describe('renderMachine', () => {
  it('lists the run, machine, software, commit and load', () => {
    const text = renderMachine(machine, 'pnpm bench:e2e', new Date('2026-12-07T09:00:00Z'))
    expect(text.split('\n')).toEqual([
      '- Run: 2026-12-07T09:00:00.000Z — `pnpm bench:e2e`',
      '- Machine: 2 cores, AMD EPYC, 24 GiB RAM',
      '- Software: Node v20.20.2, Debian',
      '- Commit: abc1234',
      '- Load average (1 min) at start: 0.20 on 2 cores',
    ])
  })

  it('warns when the load at start was high, and adds the wakeup cost when it was measured', () => {
    const text = renderMachine(
      {
        ...machine,
        loadAtStart: 1.5,
        wakeup: { periodMs: 10, wakeups: 100, samplesMicros: [150], medianMicros: 150 },
      },
      'pnpm bench:e2e',
      new Date(0),
    )
    expect(text).toContain('numbers are pessimistic and noisy')
    expect(text.split('\n').at(-1)).toMatch(/^- Timer wakeup from idle: 150 µs of process CPU each/)
  })
})

describe('describeMachine', () => {
  it('reads this host', () => {
    const info = describeMachine()
    expect(info.cores).toBeGreaterThan(0)
    expect(info.node).toBe(process.version)
    expect(info.wakeup).toBeUndefined()
  })
})
