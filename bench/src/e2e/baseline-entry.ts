// Turns floor-proxy.ts or baseline-proxy.ts into plain JavaScript once per run, so the baseline runs on bare Node
// without tsx's loader (which adds ~25 MB of RSS and would flatter the gateway's ratios).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

/** The proxies that run on bare Node: the floor and the reference proxy (the previous baseline). */
export type ProxyEntryName = 'floor-proxy' | 'baseline-proxy'

/** A runnable copy of the baseline proxy and how to remove it. */
export interface BaselineEntry {
  file: string
  dispose(): void
}

/**
 * Transpiles the floor or the reference (baseline) proxy (types erased, nothing else changed) into a private temporary
 * directory, outside the repository so no generated file is linted or committed. Its one package
 * import is pinned to the file bench itself resolves, since nothing resolves packages from there.
 *
 * @example
 * const entry = prepareBaselineEntry()
 * spawnChild({ name: 'baseline proxy', command: process.execPath, args: [entry.file], … })
 */
export function prepareBaselineEntry(name: ProxyEntryName = 'baseline-proxy'): BaselineEntry {
  const sourceFile = fileURLToPath(new URL(`./${name}.ts`, import.meta.url))
  const { outputText } = ts.transpileModule(readFileSync(sourceFile, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: sourceFile,
  })
  const pinned = outputText.replace(/from 'undici'/, `from '${import.meta.resolve('undici')}'`)
  const directory = mkdtempSync(join(tmpdir(), 'gw-bench-baseline-'))
  const file = join(directory, `${name}.mjs`)
  writeFileSync(file, pinned)
  return { file, dispose: () => rmSync(directory, { recursive: true, force: true }) }
}
