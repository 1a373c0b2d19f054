// The values reference of a chart README, generated from the `# --` comments of its values.yaml.
import { parse } from 'yaml'

/** One documented value. */
export interface ValueDoc {
  /** Dotted path, e.g. `shutdown.preDrainWait`. */
  key: string
  /** Default as JSON. */
  defaultValue: string
  description: string
}

const keyLine = /^( *)([A-Za-z0-9_.-]+|"[^"]+"):/
const docLine = /^ *# -- (.*)$/

/**
 * Lists the values of a values.yaml that carry a `# -- description` comment, with their defaults.
 *
 * @example
 * documentValues('# -- Pods.\nreplicaCount: 2\n') // [{ key: 'replicaCount', defaultValue: '2', description: 'Pods.' }]
 */
export function documentValues(valuesYaml: string): ValueDoc[] {
  const values = parse(valuesYaml) as Record<string, unknown>
  const docs: ValueDoc[] = []
  const parents: { indent: number; key: string }[] = []
  let pending: string | undefined
  for (const line of valuesYaml.split('\n')) {
    const doc = docLine.exec(line)
    if (doc) {
      pending = doc[1]
      continue
    }
    const match = keyLine.exec(line)
    if (!match) continue
    const indent = match[1]!.length
    const key = match[2]!.replace(/^"|"$/g, '')
    while (parents.length > 0 && parents.at(-1)!.indent >= indent) parents.pop()
    const path = [...parents.map((parent) => parent.key), key]
    parents.push({ indent, key })
    if (pending === undefined) continue
    const value = path.reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], values)
    docs.push({ key: path.join('.'), defaultValue: JSON.stringify(value), description: pending })
    pending = undefined
  }
  return docs
}

const escapeCell = (text: string) => text.replaceAll('|', '\\|')

/**
 * Renders the values as a Markdown table.
 *
 * @example
 * renderValuesTable(documentValues(valuesYaml))
 */
export function renderValuesTable(docs: ValueDoc[]): string {
  const rows = docs.map(
    (doc) => `| \`${doc.key}\` | \`${escapeCell(doc.defaultValue)}\` | ${escapeCell(doc.description)} |`,
  )
  return ['| value | default | meaning |', '| --- | --- | --- |', ...rows].join('\n')
}

/** Markers around the generated table in a chart README. */
export const tableMarkers = {
  start:
    '<!-- values-table:start (generated from values.yaml: pnpm --filter @gw/deploy-tests run values-docs) -->',
  end: '<!-- values-table:end -->',
} as const

/**
 * Returns `readme` with the text between the markers replaced by `table`.
 *
 * @example
 * replaceValuesTable(readme, renderValuesTable(documentValues(valuesYaml)))
 */
export function replaceValuesTable(readme: string, table: string): string {
  const start = readme.indexOf(tableMarkers.start)
  const end = readme.indexOf(tableMarkers.end)
  if (start < 0 || end < start) throw new Error('README has no values-table markers')
  return `${readme.slice(0, start + tableMarkers.start.length)}\n${table}\n${readme.slice(end)}`
}
