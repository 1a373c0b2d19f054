// Runs one README code block: TypeScript/JavaScript as an ES module with plain `node` (types
// stripped by TypeScript's transpiler, nothing else changed) inside `directory`, so its imports
// resolve from that directory's node_modules; shell with bash. Returns what it printed.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)

/**
 * @example
 * const { status, stdout } = await runExample(block, { directory: '/tmp/app', env: { KEY: key } })
 */
export async function runExample(block, { directory, env = {}, timeoutMs = 60_000 }) {
  const scratch = mkdtempSync(join(directory, '.readme-example-'))
  try {
    if (block.lang === 'sh') {
      const file = join(scratch, 'example.sh')
      writeFileSync(file, `set -euo pipefail\n${block.code}\n`)
      return await run('bash', [file], { cwd: directory, env, timeoutMs })
    }
    const file = join(scratch, 'example.mjs')
    writeFileSync(file, transpile(block.code))
    return await run(process.execPath, [file], { cwd: directory, env, timeoutMs })
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

function transpile(code) {
  const ts = require('typescript')
  return ts.transpileModule(code, {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
    },
  }).outputText
}

function run(command, args, { cwd, env, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (status, signal) => {
      clearTimeout(timer)
      resolve({ status: status ?? (signal === null ? 1 : 128), stdout, stderr })
    })
  })
}
