// Plain-text tables for the CLI's human output.

/**
 * Formats rows as aligned columns with a header; missing values print as `-`.
 *
 * @example
 * formatTable([{ id: 'org_1', name: 'Acme' }], ['id', 'name'])
 * // id     name
 * // org_1  Acme
 */
export function formatTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const value = row[column]
      if (value === null || value === undefined || value === '') return '-'
      return typeof value === 'object' ? JSON.stringify(value) : String(value)
    }),
  )
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((line) => line[index]?.length ?? 0)),
  )
  const render = (line: readonly string[]) =>
    line
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd()
  return [render(columns), ...cells.map(render)].join('\n')
}
