import { createVitestConfig } from '../../vitest.shared.js'

// Most of this suite waits on real servers and timers, not CPU: two files at a time overlap
// those waits (CI runs one package at a time, so this uses the machine's two cores). Each file
// starts a PGlite control plane (WebAssembly compile + migrations): on a loaded machine that
// alone passed the shared 30 s hook timeout.
export default createVitestConfig({ test: { maxWorkers: 2, hookTimeout: 90_000 } })
