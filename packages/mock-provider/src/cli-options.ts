// Parses the `gw-mock-provider` command line into mock options (pure, so it is testable without a process).
import { parseArgs } from 'node:util'
import type { MockProviderOptions } from './types.js'

/** Usage text printed by `--help` and on bad arguments. */
export const cliUsage = `usage: gw-mock-provider [--port 5580] [--host 127.0.0.1] [--latency-ms 0] [--chunk-delay-ms 0]
                        [--reply-text TEXT] [--stream-chunks 6] [--api-key KEY]
                        [--aws-access-key-id ID --aws-secret-access-key SECRET] [--quiet]`

/** The parsed command line: options for the mock, and the two flags the CLI itself uses. */
export interface CliArguments {
  options: MockProviderOptions
  quiet: boolean
  help: boolean
}

function toNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (value === '' || !Number.isFinite(parsed) || parsed < 0) {
    throw new Error(`--${name} must be a number >= 0, got "${value}"`)
  }
  return parsed
}

/**
 * Parses arguments; the CLI never records requests (it runs for long and would grow).
 * Throws an `Error` naming the bad flag.
 *
 * @example
 * parseCliArguments(['--port', '5580', '--quiet']).options.port // 5580
 */
export function parseCliArguments(args: string[]): CliArguments {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '5580' },
      host: { type: 'string', default: '127.0.0.1' },
      'latency-ms': { type: 'string' },
      'chunk-delay-ms': { type: 'string' },
      'reply-text': { type: 'string' },
      'stream-chunks': { type: 'string' },
      'api-key': { type: 'string' },
      'aws-access-key-id': { type: 'string' },
      'aws-secret-access-key': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  const options: MockProviderOptions = { host: values.host, port: toNumber('port', values.port) ?? 5580 }
  options.recordRequests = false
  const latencyMs = toNumber('latency-ms', values['latency-ms'])
  if (latencyMs !== undefined) options.latencyMs = latencyMs
  const chunkDelayMs = toNumber('chunk-delay-ms', values['chunk-delay-ms'])
  if (chunkDelayMs !== undefined) options.chunkDelayMs = chunkDelayMs
  const streamChunks = toNumber('stream-chunks', values['stream-chunks'])
  if (streamChunks !== undefined) options.streamChunks = streamChunks
  if (values['reply-text'] !== undefined) options.replyText = values['reply-text']
  if (values['api-key'] !== undefined) options.apiKey = values['api-key']
  const accessKeyId = values['aws-access-key-id']
  const secretAccessKey = values['aws-secret-access-key']
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new Error('--aws-access-key-id and --aws-secret-access-key go together')
  }
  if (accessKeyId && secretAccessKey) options.aws = { accessKeyId, secretAccessKey }
  return { options, quiet: values.quiet, help: values.help }
}
