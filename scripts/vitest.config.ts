import { createVitestConfig } from '../vitest.shared.js'

// These tests start whole processes (the stack, npm installs): generous timeouts, one file at a time.
export default createVitestConfig({
  test: {
    include: ['*.test.ts', 'stack/**/*.test.ts', 'readme/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
})
