// The gw-cp command line: parse argv, call the admin API, print a table or JSON; returns the exit code.
import { parseArgs } from 'node:util'
import { AdminApiError, createAdminClient } from './admin-client.js'
import { commands as baseCommands, type Flags, UsageError } from './commands.js'
import { guardrailCommands } from './guardrail-commands.js'
import { pickField } from './pick-field.js'
import { routingPolicyCommands } from './routing-policy-commands.js'

const commands = { ...baseCommands, ...guardrailCommands, ...routingPolicyCommands }

/** Where the CLI reads its environment and writes its output. */
export interface CliIo {
  env: Readonly<Record<string, string | undefined>>
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Default: the global `fetch`. */
  fetch?: typeof fetch
}

const valueFlags = [
  'url',
  'token',
  'name',
  'slug',
  'org',
  'team',
  'project',
  'principal',
  'kind',
  'email',
  'env',
  'expires-at',
  'config',
  'grace',
  'type',
  'api-key',
  'credentials',
  'base-url',
  'models',
  'deployment-map',
  'evaluator',
  'directions',
  'failure-mode',
  'settings',
  'key',
  'otlp-token',
  'field',
  'scope',
  'scope-id',
  'window',
  'limit-usd',
  'on-breach',
  'provider',
  'key',
  'model',
  'from',
  'to',
  'per-end-user',
  'warn-ratio',
  'set',
  'strategy',
  'targets',
  'sticky',
  'cache-rules',
] as const

function help(): string {
  return [
    'gw-cp: manage the reference control plane over its admin API',
    '',
    'Global: --url <url> (CONTROL_PLANE_URL, default http://127.0.0.1:5560)',
    '        --token <token> (CONTROL_PLANE_ADMIN_TOKEN)  --json  --help',
    '        --field <path>  print one field of the JSON answer (id, virtual_key.id, key…)',
    '',
    ...Object.values(commands).map((command) => `  gw-cp ${command.usage}`),
    '',
    'Key cache rules (--cache-rules, or "cache_rules" in --config; replaces the key\'s rules whole):',
    '  [{"id":"faq","priority":1,"matchers":{"model":"gpt-4o*"},"action":{"mode":"cache","ttl":300}}]',
    '  mode: respect|force|disable (cache_control markers) or cache (the response cache, ttl seconds)',
  ].join('\n')
}

/**
 * Runs one CLI invocation. Exit codes: 0 ok, 1 API or network error, 2 usage error.
 *
 * @example
 * const code = await runCli(['org', 'list', '--json'], { env: process.env, stdout: console.log, stderr: console.error })
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(valueFlags.map((flag) => [flag, { type: 'string' as const }])),
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${help()}`)
    return 2
  }
  const { values, positionals } = parsed
  const [resource, action, ...args] = positionals
  if (values.help === true || resource === undefined) {
    io.stdout(help())
    return values.help === true ? 0 : 2
  }
  const command = commands[`${resource} ${action ?? ''}`]
  if (command === undefined) {
    io.stderr(`Unknown command "${positionals.slice(0, 2).join(' ')}"\n\n${help()}`)
    return 2
  }
  const token = (values.token as string | undefined) ?? io.env.CONTROL_PLANE_ADMIN_TOKEN
  if (token === undefined || token === '') {
    io.stderr('An admin token is required: --token or CONTROL_PLANE_ADMIN_TOKEN')
    return 2
  }
  const url = (values.url as string | undefined) ?? io.env.CONTROL_PLANE_URL ?? 'http://127.0.0.1:5560'
  const client = createAdminClient({ url, token, ...(io.fetch === undefined ? {} : { fetch: io.fetch }) })
  try {
    const result = await command.run(client, args, values as Flags)
    if (typeof values.field === 'string') {
      const field = pickField(result.json, values.field)
      if (field === undefined) {
        io.stderr(`The answer has no field "${values.field}"; --json prints the whole answer`)
        return 1
      }
      io.stdout(field)
      return 0
    }
    io.stdout(values.json === true ? JSON.stringify(result.json, null, 2) : result.human)
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\nusage: gw-cp ${command.usage}`)
      return 2
    }
    if (error instanceof AdminApiError) {
      io.stderr(
        values.json === true
          ? JSON.stringify({ error: { code: error.code, message: error.message } })
          : `error (${error.code}): ${error.message}`,
      )
      return 1
    }
    throw error
  }
}
