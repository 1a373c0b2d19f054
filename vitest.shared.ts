// Shared vitest settings: resolve workspace packages to their TypeScript sources (no build needed
// to test) and write a JSON report that .ci/run sums into the closing "N passed, N failed" line.
import { defineConfig, type ViteUserConfig } from 'vitest/config'

const sourceCondition = 'gw-source'

/**
 * Builds a package's vitest config with the workspace defaults.
 *
 * @example
 * export default createVitestConfig({ test: { testTimeout: 20_000 } })
 */
export function createVitestConfig(overrides: ViteUserConfig = {}): ViteUserConfig {
  const { test, ...rest } = overrides
  return defineConfig({
    ...rest,
    resolve: { conditions: [sourceCondition, 'node', 'import', 'default'] },
    // vitest hands the ssr conditions to worker processes as `node --conditions`: 'import' would make
    // require() of dual packages (pg → pg-pool) load ESM, and 'module' breaks @smithy/* ESM builds.
    ssr: {
      resolve: {
        conditions: [sourceCondition, 'node', 'default'],
        externalConditions: [sourceCondition],
      },
    },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      reporters: ['default', 'json'],
      outputFile: { json: '.vitest-results.json' },
      testTimeout: 15_000,
      hookTimeout: 30_000,
      ...test,
    },
  })
}
