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
    resolve: { conditions: [sourceCondition, 'module', 'node', 'import', 'default'] },
    // No 'import' for ssr: vitest hands these to worker processes as `node --conditions`, which
    // would make require() of dual CommonJS/ESM packages (pg → pg-pool) load their ESM build.
    ssr: {
      resolve: {
        conditions: [sourceCondition, 'module', 'node', 'default'],
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
