// The CLI's commands: each maps flags to one admin API call and says how to print the answer.
import type { AdminClient } from './admin-client.js'
import { budgetCommands } from './budget-commands.js'
import { formatTable } from './format-table.js'
import { priceOverrideCommands } from './price-override-commands.js'

/** Parsed flags (strings) of one invocation. */
export type Flags = Readonly<Record<string, string | undefined>>

/** What a command printed: `json` for `--json`, `human` otherwise. */
export interface CommandResult {
  json: unknown
  human: string
}

/** One `gw-cp <resource> <action>` command. */
export interface Command {
  usage: string
  run(client: AdminClient, args: readonly string[], flags: Flags): Promise<CommandResult>
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export function required(flags: Flags, name: string): string {
  const value = flags[name]
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`)
  return value
}

export function positional(args: readonly string[], what: string): string {
  const value = args[0]
  if (value === undefined) throw new UsageError(`${what} is required`)
  return value
}

export function jsonFlag(flags: Flags, name: string): Record<string, unknown> | undefined {
  const value = flags[name]
  if (value === undefined) return undefined
  try {
    return JSON.parse(value) as Record<string, unknown>
  } catch {
    throw new UsageError(`--${name} must be JSON`)
  }
}

/** `--config` with `--cache-rules` (a JSON array) set as its `cache_rules`; undefined when neither is given. */
function keyConfigFlags(flags: Flags): Record<string, unknown> | undefined {
  const config = jsonFlag(flags, 'config')
  const text = flags['cache-rules']
  if (text === undefined) return config
  let rules: unknown
  try {
    rules = JSON.parse(text)
  } catch {
    throw new UsageError('--cache-rules must be a JSON array of rules')
  }
  if (!Array.isArray(rules)) throw new UsageError('--cache-rules must be a JSON array of rules')
  return { ...config, cache_rules: rules }
}

export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value)
  const text = params.toString()
  return text === '' ? path : `${path}?${text}`
}

export function omitUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined))
}

type Row = Record<string, unknown>
export const show = (row: Row, columns: readonly string[]): CommandResult => ({
  json: row,
  human: formatTable([row], columns),
})
export const showList = (list: { data: Row[] }, columns: readonly string[]): CommandResult => ({
  json: list,
  human: formatTable(list.data, columns),
})

const orgColumns = ['id', 'slug', 'name', 'change_revision', 'created_at']
const teamColumns = ['id', 'organization_id', 'name', 'created_at']
const projectColumns = ['id', 'organization_id', 'team_id', 'name', 'created_at']
const principalColumns = ['id', 'organization_id', 'kind', 'name', 'email']
const keyColumns = ['id', 'display_prefix', 'name', 'status', 'project_id', 'expires_at', 'revision']
const providerColumns = ['id', 'project_id', 'type', 'name', 'credentials_hint', 'base_url']

function issued(result: { key: string; virtual_key: Row }): CommandResult {
  return {
    json: result,
    human: `${formatTable([result.virtual_key], keyColumns)}\n\nKey (shown once, store it now):\n${result.key}`,
  }
}

function keyAction(action: 'disable' | 'enable' | 'revoke'): Command {
  return {
    usage: `key ${action} <key-id>`,
    run: async (client, args) =>
      show(
        await client.request('POST', `/virtual-keys/${positional(args, '<key-id>')}/${action}`),
        keyColumns,
      ),
  }
}

/** Every command, by `<resource> <action>`. */
export const commands: Readonly<Record<string, Command>> = {
  'org create': {
    usage: 'org create --name <name> [--slug <slug>]',
    run: async (client, _args, flags) =>
      show(
        await client.request(
          'POST',
          '/organizations',
          omitUndefined({ name: required(flags, 'name'), slug: flags.slug }),
        ),
        orgColumns,
      ),
  },
  'org list': {
    usage: 'org list',
    run: async (client) => showList(await client.request('GET', '/organizations'), orgColumns),
  },
  'team create': {
    usage: 'team create --org <org-id> --name <name>',
    run: async (client, _args, flags) =>
      show(
        await client.request('POST', '/teams', {
          organization_id: required(flags, 'org'),
          name: required(flags, 'name'),
        }),
        teamColumns,
      ),
  },
  'team list': {
    usage: 'team list [--org <org-id>]',
    run: async (client, _args, flags) =>
      showList(await client.request('GET', withQuery('/teams', { organization_id: flags.org })), teamColumns),
  },
  'project create': {
    usage: 'project create --org <org-id> --name <name> [--team <team-id>] [--otlp-token <token>]',
    run: async (client, _args, flags) =>
      show(
        await client.request(
          'POST',
          '/projects',
          omitUndefined({
            organization_id: required(flags, 'org'),
            name: required(flags, 'name'),
            team_id: flags.team,
            otlp_token: flags['otlp-token'],
          }),
        ),
        projectColumns,
      ),
  },
  'project list': {
    usage: 'project list [--org <org-id>]',
    run: async (client, _args, flags) =>
      showList(
        await client.request('GET', withQuery('/projects', { organization_id: flags.org })),
        projectColumns,
      ),
  },
  'principal create': {
    usage: 'principal create --org <org-id> --name <name> [--kind user|service] [--email <email>]',
    run: async (client, _args, flags) =>
      show(
        await client.request(
          'POST',
          '/principals',
          omitUndefined({
            organization_id: required(flags, 'org'),
            name: required(flags, 'name'),
            kind: flags.kind,
            email: flags.email,
          }),
        ),
        principalColumns,
      ),
  },
  'principal list': {
    usage: 'principal list [--org <org-id>]',
    run: async (client, _args, flags) =>
      showList(
        await client.request('GET', withQuery('/principals', { organization_id: flags.org })),
        principalColumns,
      ),
  },
  'key create': {
    usage:
      'key create --project <project-id> --name <name> [--principal <id>] [--env live|test] [--expires-at <iso>] [--config <json>] [--cache-rules <json>]',
    run: async (client, _args, flags) =>
      issued(
        await client.request(
          'POST',
          '/virtual-keys',
          omitUndefined({
            project_id: required(flags, 'project'),
            name: required(flags, 'name'),
            principal_id: flags.principal,
            environment: flags.env,
            expires_at: flags['expires-at'],
            config: keyConfigFlags(flags),
          }),
        ),
      ),
  },
  'key list': {
    usage: 'key list [--project <project-id>] [--org <org-id>]',
    run: async (client, _args, flags) =>
      showList(
        await client.request(
          'GET',
          withQuery('/virtual-keys', { project_id: flags.project, organization_id: flags.org }),
        ),
        keyColumns,
      ),
  },
  'key get': {
    usage: 'key get <key-id>',
    run: async (client, args) => {
      const key = await client.request<Row>('GET', `/virtual-keys/${positional(args, '<key-id>')}`)
      return {
        json: key,
        human: `${formatTable([key], keyColumns)}\n\nconfig: ${JSON.stringify(key.config, null, 2)}`,
      }
    },
  },
  'key update': {
    usage:
      'key update <key-id> [--name <name>] [--expires-at <iso>] [--config <json>] [--cache-rules <json>]',
    run: async (client, args, flags) =>
      show(
        await client.request(
          'PATCH',
          `/virtual-keys/${positional(args, '<key-id>')}`,
          omitUndefined({
            name: flags.name,
            expires_at: flags['expires-at'],
            config: keyConfigFlags(flags),
          }),
        ),
        keyColumns,
      ),
  },
  'key disable': keyAction('disable'),
  'key enable': keyAction('enable'),
  'key revoke': keyAction('revoke'),
  'key rotate': {
    usage: 'key rotate <key-id> [--grace <seconds>]',
    run: async (client, args, flags) => {
      const grace = flags.grace === undefined ? undefined : Number(flags.grace)
      if (grace !== undefined && !Number.isInteger(grace))
        throw new UsageError('--grace must be a whole number of seconds')
      return issued(
        await client.request(
          'POST',
          `/virtual-keys/${positional(args, '<key-id>')}/rotate`,
          omitUndefined({ grace_seconds: grace }),
        ),
      )
    },
  },
  'provider create': {
    usage:
      'provider create --project <project-id> --type <type> --name <name> [--api-key <key> | --credentials <json>] [--base-url <url>] [--models a,b] [--deployment-map <json>]',
    run: async (client, _args, flags) => {
      const credentials =
        jsonFlag(flags, 'credentials') ??
        (flags['api-key'] === undefined ? {} : { api_key: flags['api-key'] })
      return show(
        await client.request(
          'POST',
          '/provider-credentials',
          omitUndefined({
            project_id: required(flags, 'project'),
            type: required(flags, 'type'),
            name: required(flags, 'name'),
            credentials,
            base_url: flags['base-url'],
            models: flags.models
              ?.split(',')
              .map((model) => model.trim())
              .filter((model) => model !== ''),
            deployment_map: jsonFlag(flags, 'deployment-map'),
          }),
        ),
        providerColumns,
      )
    },
  },
  'provider list': {
    usage: 'provider list [--project <project-id>] [--org <org-id>]',
    run: async (client, _args, flags) =>
      showList(
        await client.request(
          'GET',
          withQuery('/provider-credentials', { project_id: flags.project, organization_id: flags.org }),
        ),
        providerColumns,
      ),
  },
  'provider delete': {
    usage: 'provider delete <provider-id>',
    run: async (client, args) => {
      const id = positional(args, '<provider-id>')
      await client.request('DELETE', `/provider-credentials/${id}`)
      return { json: { id, deleted: true }, human: `deleted ${id}` }
    },
  },
  ...budgetCommands,
  ...priceOverrideCommands,
}
