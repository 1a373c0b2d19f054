#!/usr/bin/env node
// Entry point of the gw-gateway command (dist/main.js).
import { runGatewayCli } from './cli/run-gateway-cli.js'

const code = await runGatewayCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
})
if (code !== undefined) process.exitCode = code
