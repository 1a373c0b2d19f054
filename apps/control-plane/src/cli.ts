#!/usr/bin/env node
// The gw-cp binary: runs the CLI against process argv, env and stdio.
import { runCli } from './cli/run-cli.js'

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
})
