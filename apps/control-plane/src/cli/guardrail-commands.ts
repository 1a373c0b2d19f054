// The CLI's guardrail commands: create, list, attach (and detach) guardrails.
import {
  type Command,
  jsonFlag,
  omitUndefined,
  positional,
  required,
  show,
  showList,
  UsageError,
  withQuery,
} from './commands.js'

const guardrailColumns = ['id', 'organization_id', 'name', 'evaluator', 'directions', 'failure_mode']
const attachmentColumns = ['guardrail_id', 'project_id', 'virtual_key_id', 'directions']

function directionsFlag(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((direction) => direction.trim())
    .filter((direction) => direction !== '')
}

function target(flags: Readonly<Record<string, string | undefined>>) {
  if ((flags.project === undefined) === (flags.key === undefined))
    throw new UsageError('give exactly one of --project or --key')
  return omitUndefined({ project_id: flags.project, virtual_key_id: flags.key })
}

/** `gw-cp guardrail …` commands. */
export const guardrailCommands: Readonly<Record<string, Command>> = {
  'guardrail create': {
    usage:
      'guardrail create --org <org-id> --name <name> --evaluator <regex|pii|max_input_tokens|max_output_tokens|json_schema|http> --directions pre,post,stream_chunk [--failure-mode fail_open|fail_closed] [--settings <json>]',
    run: async (client, _args, flags) =>
      show(
        await client.request(
          'POST',
          '/guardrails',
          omitUndefined({
            organization_id: required(flags, 'org'),
            name: required(flags, 'name'),
            evaluator: required(flags, 'evaluator'),
            directions: directionsFlag(required(flags, 'directions')),
            failure_mode: flags['failure-mode'],
            settings: jsonFlag(flags, 'settings'),
          }),
        ),
        guardrailColumns,
      ),
  },
  'guardrail list': {
    usage: 'guardrail list [--org <org-id>]',
    run: async (client, _args, flags) =>
      showList(
        await client.request('GET', withQuery('/guardrails', { organization_id: flags.org })),
        guardrailColumns,
      ),
  },
  'guardrail attach': {
    usage:
      'guardrail attach <guardrail-id> (--project <project-id> | --key <key-id>) [--directions pre,post]',
    run: async (client, args, flags) =>
      show(
        await client.request(
          'POST',
          `/guardrails/${positional(args, '<guardrail-id>')}/attachments`,
          omitUndefined({ ...target(flags), directions: directionsFlag(flags.directions) }),
        ),
        attachmentColumns,
      ),
  },
  'guardrail detach': {
    usage: 'guardrail detach <guardrail-id> (--project <project-id> | --key <key-id>)',
    run: async (client, args, flags) => {
      const id = positional(args, '<guardrail-id>')
      await client.request(
        'DELETE',
        withQuery(`/guardrails/${id}/attachments`, target(flags) as Record<string, string>),
      )
      return { json: { id, detached: true }, human: `detached ${id}` }
    },
  },
}
