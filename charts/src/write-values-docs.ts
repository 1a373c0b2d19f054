// Regenerates the values table of each chart's README from its values.yaml (`pnpm --filter @gw/deploy-tests run values-docs`).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chartsRoot } from './render-chart.js'
import { documentValues, renderValuesTable, replaceValuesTable } from './values-docs.js'

/** Charts whose README carries a generated values table. */
const documentedCharts = ['gateway', 'control-plane'] as const

for (const chart of documentedCharts) {
  const readmePath = join(chartsRoot, chart, 'README.md')
  const table = renderValuesTable(
    documentValues(readFileSync(join(chartsRoot, chart, 'values.yaml'), 'utf8')),
  )
  writeFileSync(readmePath, replaceValuesTable(readFileSync(readmePath, 'utf8'), table))
  console.log(`updated ${readmePath}`)
}
