// Reads and rewrites bench/BENCHMARKS.md one section at a time, so micro and e2e runs keep each other.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { replaceSection } from './markdown.js'

/** Absolute path of bench/BENCHMARKS.md. */
export const benchmarksPath = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url))

const preamble = `# Benchmarks

Written by \`pnpm bench\` (see [README.md](./README.md)). Each section is rewritten by its own
command; numbers from different sections may come from different runs and commits.

<!-- bench:micro:start -->
## Microbenchmarks

_Not run yet: \`pnpm bench:micro\`._
<!-- bench:micro:end -->

<!-- bench:e2e:start -->
## End to end

_Not run yet: \`pnpm bench:e2e\`._
<!-- bench:e2e:end -->
`

/**
 * Rewrites the section `id` of BENCHMARKS.md (creating the file when missing) and returns its path.
 *
 * @example
 * writeBenchmarkSection('micro', '## Microbenchmarks\n…')
 */
export function writeBenchmarkSection(id: 'micro' | 'e2e' | 'soak', body: string): string {
  const current = existsSync(benchmarksPath) ? readFileSync(benchmarksPath, 'utf8') : preamble
  writeFileSync(benchmarksPath, replaceSection(current, id, body))
  return benchmarksPath
}
