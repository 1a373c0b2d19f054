// The values tables of the chart READMEs match their values.yaml comments.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { chartsRoot } from '../src/render-chart.js'
import { documentValues, renderValuesTable, replaceValuesTable } from '../src/values-docs.js'

describe('chart README values tables', () => {
  for (const chart of ['gateway', 'control-plane']) {
    it(`${chart}: the README table is the one values.yaml generates (else run pnpm --filter @gw/deploy-tests run values-docs)`, () => {
      const values = readFileSync(join(chartsRoot, chart, 'values.yaml'), 'utf8')
      const readme = readFileSync(join(chartsRoot, chart, 'README.md'), 'utf8')
      expect(readme).toBe(replaceValuesTable(readme, renderValuesTable(documentValues(values))))
    })

    it(`${chart}: documents every leaf value`, () => {
      const values = readFileSync(join(chartsRoot, chart, 'values.yaml'), 'utf8')
      const documented = documentValues(values).map((doc) => doc.key)
      const leaves: string[] = []
      const walk = (node: unknown, path: string[]) => {
        const isMap = typeof node === 'object' && node !== null && !Array.isArray(node)
        const prefix = path.join('.')
        if (isMap && !documented.includes(prefix))
          for (const [key, child] of Object.entries(node)) walk(child, [...path, key])
        else leaves.push(prefix)
      }
      walk(parse(values), [])
      expect(leaves.filter((leaf) => !documented.includes(leaf))).toEqual([])
    })
  }
})
