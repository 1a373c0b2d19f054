#!/usr/bin/env -S node --max-semi-space-size=8
// Entry point of the gw-gateway command (dist/main.js).
// The shebang caps V8's young generation at 2 × 8 MiB: the default 2 × 16 MiB fills up under
// load and costs ~15 MiB of RSS to save ~1 µs of GC per request. Only the command line can set
// it (v8.setFlagsFromString runs after the heap is sized); bench/ reads the flags from here.
import { runGatewayCli } from './cli/run-gateway-cli.js'

const code = await runGatewayCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
})
if (code !== undefined) process.exitCode = code
