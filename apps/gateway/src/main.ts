#!/usr/bin/env -S node --max-semi-space-size=8 --single-threaded-gc
// Entry point of the gw-gateway command (dist/main.js).
// The shebang caps V8's young generation at 2 × 8 MiB: the default 2 × 16 MiB fills up under
// load and costs ~15 MiB of RSS to save ~1 µs of GC per request. It also keeps the collector on
// the main thread: the gateway runs one process per core (the chart's limit is one CPU), where
// V8's parallel helpers only compete with the main thread for that core (GC pauses 2.4× longer
// in total, docs/DECISIONS.md). Only the command line can set either (v8.setFlagsFromString runs
// after the heap is set up); bench/ reads the flags from here.
import { runGatewayCli } from './cli/run-gateway-cli.js'

const code = await runGatewayCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
})
if (code !== undefined) process.exitCode = code
