// Renders the gateway's variables (from the schema) as --help text and as a Markdown table.
import { describeConfig } from '@gw/config-hydrate'
import { gatewayConfigAliases, gatewayConfigSchema } from '../config/gateway-config-schema.js'

/** Defaults that depend on another variable, as documented (the schema leaves them unset). */
const derivedDefaults: Record<string, string> = {
  SERVER_DRAIN_DELAY_SECONDS: '5s (0 when ENVIRONMENT=local)',
  OTEL_SAMPLE_RATIO: '1.0 when ENVIRONMENT=local, else 0.1',
  LW_GATEWAY_NODE_ID: 'the host name',
  CUSTOMER_TRACE_BRIDGE_BASE_URL: 'LW_GATEWAY_BASE_URL',
  LW_GATEWAY_INTERNAL_SECRET: 'required (random per process when ENVIRONMENT=local)',
  LW_GATEWAY_JWT_SECRET: 'required (random per process when ENVIRONMENT=local)',
  GATEWAY_ADMIN_ADDR: 'unset: no admin listener',
  OTEL_OTLP_HEADERS: 'empty',
}

/** One documented variable. */
export interface VariableRow {
  variable: string
  default: string
  expected: string
  secret: boolean
  /** Legacy names read when this one is unset. */
  aliases: string[]
}

function showDefault(value: unknown): string {
  if (value === undefined) return 'unset'
  if (Array.isArray(value)) return value.length === 0 ? 'empty' : value.join(',')
  if (typeof value === 'object' && value !== null)
    return Object.keys(value).length === 0 ? 'empty' : JSON.stringify(value)
  return String(value)
}

/**
 * Every variable with its shown default. Durations are in milliseconds in the schema; they
 * are shown with a unit so the text matches what operators write.
 *
 * @example
 * describeVariables().find((row) => row.variable === 'SERVER_ADDR')?.default // ':5563'
 */
export function describeVariables(): VariableRow[] {
  return describeConfig(gatewayConfigSchema).map((row) => ({
    variable: row.variable,
    default:
      derivedDefaults[row.variable] ??
      (row.expected.startsWith('a duration') && typeof row.default === 'number'
        ? `${row.default / 1000}s`
        : showDefault(row.default)),
    expected: row.expected,
    secret: row.secret,
    aliases: Object.entries(gatewayConfigAliases)
      .filter(([, canonical]) => canonical === row.variable)
      .map(([legacy]) => legacy),
  }))
}

/** The `--help` text. */
export function formatHelp(): string {
  const rows = describeVariables()
  const width = Math.max(...rows.map((row) => row.variable.length))
  const lines = rows.map((row) => {
    const notes = [
      row.secret ? 'secret' : '',
      row.aliases.length > 0 ? `legacy: ${row.aliases.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ')
    return `  ${row.variable.padEnd(width)}  default ${row.default}${notes ? ` (${notes})` : ''}\n  ${''.padEnd(width)}  ${row.expected}`
  })
  return [
    'Usage: gw-gateway [--help | --version | --print-config]',
    '',
    'Starts the AI gateway. Configuration comes only from environment variables:',
    '',
    ...lines,
    '',
    '--print-config prints the effective configuration as JSON (secrets masked) and exits.',
  ].join('\n')
}
