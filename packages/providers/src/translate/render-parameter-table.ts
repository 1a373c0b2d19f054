// Renders the parameter table as Markdown for the README (a test keeps the two identical).
import type { ParameterEntry, ParamRule } from './parameters.js'
import { parameterTable } from './parameters.js'
import { type ClientWire, clientWires } from './wire.js'

/**
 * The table as Markdown: one section per client wire, one column per target wire, cells padded
 * the way the repository's formatter writes Markdown tables.
 *
 * @example
 * renderParameterTable().startsWith('### From openai-chat') // true
 */
export function renderParameterTable(): string {
  return clientWires
    .map((from) => {
      const targets = clientWires.filter((wire) => wire !== from)
      const header = ['parameter', ...targets.map((to) => `→ ${to}`), 'note']
      const rows = (parameterTable[from] as readonly ParameterEntry[]).map((entry) => [
        `\`${entry.param}\``,
        ...targets.map((to) => describe(entry.to[to as ClientWire])),
        entry.note ?? '',
      ])
      return `### From ${from}\n\n${formatTable(header, rows)}\n`
    })
    .join('\n')
}

function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(3, cell.length, ...rows.map((row) => row[column]?.length ?? 0)),
  )
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')
}

function describe(rule: ParamRule | undefined): string {
  if (rule === undefined) return 'map'
  if (typeof rule === 'string') return rule
  return `${rule.then} if ${rule.condition}, else ${rule.otherwise}`
}
