import { createVitestConfig } from '../../vitest.shared.js'

// One browser against one stack, steps in order: one file at a time, generous timeouts (PGlite start,
// chromium launch, a shared busy machine).
export default createVitestConfig({
  test: { testTimeout: 90_000, hookTimeout: 120_000, fileParallelism: false },
})
