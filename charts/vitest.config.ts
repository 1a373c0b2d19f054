import { createVitestConfig } from '../vitest.shared.js'

// helm and kubernetes-validate are child processes: one file at a time keeps the 2-core CI calm.
export default createVitestConfig({ test: { maxWorkers: 1, testTimeout: 60_000, hookTimeout: 180_000 } })
