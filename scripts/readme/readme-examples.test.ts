// Every code block of every README runs: TypeScript with plain node against the built packages,
// shell with bash against a stack started like `pnpm start`. A block a test cannot run carries
// `<!-- not-run: reason -->` and is reported as skipped with that reason; a runnable block says
// what it prints with `<!-- expect: text -->`. Blocks in other languages (text, json) are data.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repositoryRoot, startTestStack, type TestStack } from '../stack/start-test-stack.js'
import { extractExamples, runnableLanguages } from './extract-examples.mjs'
import { runExample } from './run-example.mjs'

const readmes = execFileSync('git', ['ls-files', '*README.md'], { cwd: repositoryRoot, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)

let stack: TestStack
beforeAll(async () => {
  stack = await startTestStack()
})
afterAll(async () => {
  await stack?.stop()
})

/**
 * The examples name the default ports and `./.data`; this test's stack has its own, so those
 * (and only those) are replaced before a block runs.
 */
function pointAtTestStack(code: string): string {
  return code
    .replaceAll(/(127\.0\.0\.1|localhost):5563/g, `127.0.0.1:${stack.ports.gateway}`)
    .replaceAll(/(127\.0\.0\.1|localhost):5560/g, `127.0.0.1:${stack.ports.controlPlane}`)
    .replaceAll(/(127\.0\.0\.1|localhost):5580/g, `127.0.0.1:${stack.ports.mock}`)
    .replaceAll('./.data/', `${stack.dataDir}/`)
}

for (const readme of readmes) {
  const blocks = extractExamples(readFileSync(join(repositoryRoot, readme), 'utf8')).filter((block) =>
    runnableLanguages.includes(block.lang),
  )
  if (blocks.length === 0) continue
  describe(readme, () => {
    for (const block of blocks) {
      const name = `${readme}:${block.line} (${block.lang})`
      if (block.notRun !== null) {
        it.skip(`${name} is not run: ${block.notRun}`, () => {})
        continue
      }
      it(`${name} runs and prints what it says`, async () => {
        expect(
          block.expect,
          `${name}: add <!-- expect: … --> or <!-- not-run: reason --> above it`,
        ).not.toEqual([])
        const result = await runExample(
          { ...block, code: pointAtTestStack(block.code) },
          {
            // TypeScript resolves @gw/* from this workspace package (built dist/); shell runs at the root.
            directory: block.lang === 'sh' ? repositoryRoot : join(repositoryRoot, 'scripts'),
            env: { ...stack.env, KEY: stack.key },
          },
        )
        const printed = `${result.stdout}\n--- stderr ---\n${result.stderr}`
        expect(result.status, printed).toBe(0)
        for (const text of block.expect) expect(result.stdout, printed).toContain(text)
      })
    }
  })
}
