// CLI commands for budgets (create, list, update, delete, reset) and spend per day.
import type { Command, Flags } from './commands.js'
import { UsageError } from './commands.js'
import { formatTable } from './format-table.js'

type Row = Record<string, unknown>

const budgetColumns = [
  'id',
  'scope',
  'scope_id',
  'provider_key',
  'per_end_user',
  'window',
  'limit_usd',
  'spent_usd',
  'on_breach',
  'warn_ratio',
  'resets_at',
]
const spendColumns = [
  'day',
  'virtual_key_id',
  'model',
  'requests',
  'input_tokens',
  'output_tokens',
  'cost_usd',
]

function usd(flags: Flags, name: string): number | undefined {
  const value = flags[name]
  if (value === undefined) return undefined
  const amount = Number(value)
  if (value.trim() === '' || !Number.isFinite(amount))
    throw new UsageError(`--${name} must be a number of USD`)
  return amount
}

function need(flags: Flags, name: string): string {
  const value = flags[name]
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`)
  return value
}

function budgetId(args: readonly string[]): string {
  const value = args[0]
  if (value === undefined) throw new UsageError('<budget-id> is required')
  return value
}

function defined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined))
}

function query(path: string, values: Record<string, string | undefined>): string {
  const params = new URLSearchParams(defined(values) as Record<string, string>).toString()
  return params === '' ? path : `${path}?${params}`
}

function perEndUser(flags: Flags): boolean | undefined {
  const value = flags['per-end-user']
  if (value === undefined) return undefined
  if (value !== 'true' && value !== 'false') throw new UsageError('--per-end-user must be true or false')
  return value === 'true'
}

/** `--warn-ratio 0.9`, or `default` (null: the gateway's GATEWAY_BUDGET_WARN_RATIO). */
function warnRatio(flags: Flags): number | null | undefined {
  const value = flags['warn-ratio']
  if (value === undefined) return undefined
  if (value === 'default') return null
  const ratio = Number(value)
  if (value.trim() === '' || !Number.isFinite(ratio))
    throw new UsageError('--warn-ratio must be a number between 0.01 and 1, or default')
  return ratio
}

const providerFlag = (flags: Flags) => (flags.provider === 'none' ? null : flags.provider)
const one = (row: Row) => ({ json: row, human: formatTable([row], budgetColumns) })

/** `gw-cp budget …` and `gw-cp spend list`. */
export const budgetCommands: Readonly<Record<string, Command>> = {
  'budget create': {
    usage:
      'budget create --scope organization|team|project|virtual_key|principal --scope-id <id> --window minute|hour|day|week|month|total --limit-usd <usd> [--on-breach block|warn] [--provider <provider-id>] [--name <name>] [--per-end-user true] [--warn-ratio <0.01-1>]',
    run: async (client, _args, flags) =>
      one(
        await client.request(
          'POST',
          '/budgets',
          defined({
            scope: need(flags, 'scope'),
            scope_id: need(flags, 'scope-id'),
            window: need(flags, 'window'),
            limit_usd: usd(flags, 'limit-usd') ?? need(flags, 'limit-usd'),
            on_breach: flags['on-breach'],
            provider_key: flags.provider,
            name: flags.name,
            per_end_user: perEndUser(flags),
            warn_ratio: warnRatio(flags),
          }),
        ),
      ),
  },
  'budget end-user': {
    usage: "budget end-user <budget-id> <end-user-id>   (one end user's spend under a per-end-user budget)",
    run: async (client, args) => {
      const endUser = args[1]
      if (endUser === undefined) throw new UsageError('<end-user-id> is required')
      const row = await client.request<Row>(
        'GET',
        `/budgets/${budgetId(args)}/end-users/${encodeURIComponent(endUser)}`,
      )
      return { json: row, human: formatTable([row], ['budget_id', 'end_user_id', 'spent_micro_usd']) }
    },
  },
  'budget list': {
    usage: 'budget list [--org <org-id>] [--scope <scope>] [--scope-id <id>]',
    run: async (client, _args, flags) => {
      const list = await client.request<{ data: Row[] }>(
        'GET',
        query('/budgets', { organization_id: flags.org, scope: flags.scope, scope_id: flags['scope-id'] }),
      )
      return { json: list, human: formatTable(list.data, budgetColumns) }
    },
  },
  'budget update': {
    usage:
      'budget update <budget-id> [--window <window>] [--limit-usd <usd>] [--on-breach block|warn] [--provider <provider-id>|none] [--name <name>] [--warn-ratio <0.01-1>|default]',
    run: async (client, args, flags) =>
      one(
        await client.request(
          'PATCH',
          `/budgets/${budgetId(args)}`,
          defined({
            window: flags.window,
            limit_usd: usd(flags, 'limit-usd'),
            on_breach: flags['on-breach'],
            provider_key: providerFlag(flags),
            name: flags.name,
            warn_ratio: warnRatio(flags),
          }),
        ),
      ),
  },
  'budget delete': {
    usage: 'budget delete <budget-id>',
    run: async (client, args) => {
      const id = budgetId(args)
      await client.request('DELETE', `/budgets/${id}`)
      return { json: { id, deleted: true }, human: `deleted ${id}` }
    },
  },
  'budget reset': {
    usage: 'budget reset <budget-id>',
    run: async (client, args) => one(await client.request('POST', `/budgets/${budgetId(args)}/reset`)),
  },
  'spend list': {
    usage:
      'spend list [--org <org-id>] [--project <project-id>] [--key <key-id>] [--model <model>] [--from YYYY-MM-DD] [--to YYYY-MM-DD]',
    run: async (client, _args, flags) => {
      const list = await client.request<{ data: Row[] }>(
        'GET',
        query('/spend', {
          organization_id: flags.org,
          project_id: flags.project,
          virtual_key_id: flags.key,
          model: flags.model,
          from: flags.from,
          to: flags.to,
        }),
      )
      return { json: list, human: formatTable(list.data, spendColumns) }
    },
  },
}
