import { createVitestConfig } from '../../vitest.shared.js'

// Most of this suite waits on real servers and timers, not CPU: two files at a time overlap
// those waits (CI runs one package at a time, so this uses the machine's two cores).
export default createVitestConfig({ test: { maxWorkers: 2 } })
