// Worker entry of the soak's attack thread: loads the TypeScript module through tsx's API (a
// worker does not inherit the parent's `--import=tsx` hooks on Node 20).
import { tsImport } from 'tsx/esm/api'

await tsImport('./attack-worker.ts', import.meta.url)
