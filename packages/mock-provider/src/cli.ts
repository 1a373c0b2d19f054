#!/usr/bin/env node
// Command line entry: runs the mock provider until SIGTERM or SIGINT (`gw-mock-provider --port 5580`).
import { cliUsage, parseCliArguments } from './cli-options.js'
import { startMockProvider } from './server.js'

async function main(): Promise<void> {
  const { options, quiet, help } = parseCliArguments(process.argv.slice(2))
  if (help) {
    process.stdout.write(`${cliUsage}\n`)
    return
  }
  if (!quiet) {
    options.onRequest = (request) =>
      process.stdout.write(`${request.method} ${request.path} (${request.wire} ${request.operation})\n`)
  }
  const mock = await startMockProvider(options)
  process.stdout.write(`mock provider listening on ${mock.url}\n`)
  const stop = (): void => {
    mock.close().then(() => process.exit(0))
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`gw-mock-provider: ${(error as Error).message}\n${cliUsage}\n`)
  process.exit(1)
})
