// The CLI's routing policy commands: create, list, show, update, delete.
import {
  type Command,
  type Flags,
  omitUndefined,
  positional,
  required,
  show,
  showList,
  UsageError,
  withQuery,
} from './commands.js'

const columns = ['id', 'project_id', 'name', 'strategy', 'targets', 'sticky_sessions']

/**
 * Parses `--targets`: JSON (`[{"provider_id":"mp_1","weight":3}]`) or the short form
 * `mp_1:3,mp_2@gpt-4o:1` (credential, optional `@model`, optional `:weight`).
 *
 * @example
 * parseTargets('mp_1:3,mp_2@gpt-4o') // → [{ provider_id: 'mp_1', weight: 3 }, { provider_id: 'mp_2', model: 'gpt-4o' }]
 */
export function parseTargets(value: string | undefined): unknown[] | undefined {
  if (value === undefined) return undefined
  if (value.trimStart().startsWith('[')) {
    try {
      return JSON.parse(value) as unknown[]
    } catch {
      throw new UsageError('--targets must be a JSON array or credential[@model][:weight],…')
    }
  }
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [target = '', weightText] = part.split(':')
      const [provider_id, model] = target.split('@')
      const weight = weightText === undefined ? undefined : Number(weightText)
      if (weight !== undefined && !Number.isFinite(weight))
        throw new UsageError(`--targets: weight "${weightText}" of "${part}" is not a number`)
      return omitUndefined({ provider_id, model, weight })
    })
}

function stickyFlag(flags: Flags): boolean | undefined {
  if (flags.sticky === undefined) return undefined
  if (flags.sticky !== 'true' && flags.sticky !== 'false')
    throw new UsageError('--sticky must be true or false')
  return flags.sticky === 'true'
}

/** `gw-cp routing-policy …` commands. */
export const routingPolicyCommands: Readonly<Record<string, Command>> = {
  'routing-policy create': {
    usage:
      'routing-policy create --project <project-id> --name <name> --strategy weighted|least_latency|least_busy --targets <cred[@model][:weight],…|json> [--sticky true|false]',
    run: async (client, _args, flags) =>
      show(
        await client.request(
          'POST',
          '/routing-policies',
          omitUndefined({
            project_id: required(flags, 'project'),
            name: required(flags, 'name'),
            strategy: required(flags, 'strategy'),
            targets: parseTargets(required(flags, 'targets')),
            sticky_sessions: stickyFlag(flags),
          }),
        ),
        columns,
      ),
  },
  'routing-policy list': {
    usage: 'routing-policy list [--project <project-id>]',
    run: async (client, _args, flags) =>
      showList(
        await client.request('GET', withQuery('/routing-policies', { project_id: flags.project })),
        columns,
      ),
  },
  'routing-policy show': {
    usage: 'routing-policy show <policy-id>',
    run: async (client, args) =>
      show(await client.request('GET', `/routing-policies/${positional(args, '<policy-id>')}`), columns),
  },
  'routing-policy update': {
    usage:
      'routing-policy update <policy-id> [--name <name>] [--strategy <strategy>] [--targets <…>] [--sticky true|false]',
    run: async (client, args, flags) =>
      show(
        await client.request(
          'PATCH',
          `/routing-policies/${positional(args, '<policy-id>')}`,
          omitUndefined({
            name: flags.name,
            strategy: flags.strategy,
            targets: parseTargets(flags.targets),
            sticky_sessions: stickyFlag(flags),
          }),
        ),
        columns,
      ),
  },
  'routing-policy delete': {
    usage: 'routing-policy delete <policy-id>',
    run: async (client, args) => {
      const id = positional(args, '<policy-id>')
      await client.request('DELETE', `/routing-policies/${id}`)
      return { json: { id, deleted: true }, human: `deleted ${id}` }
    },
  },
}
