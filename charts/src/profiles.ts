// The value profiles each chart is rendered, linted and validated with: defaults plus the files in ci/.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { chartsRoot } from './render-chart.js'

/** A named set of value files (relative to the chart folder); `default` has none. */
export interface Profile {
  name: string
  valueFiles: string[]
}

/**
 * The default profile and one per `ci/<name>-values.yaml` of the chart.
 *
 * @example
 * chartProfiles('gateway').map((profile) => profile.name) // ['default', 'admin', 'ingress', …]
 */
export function chartProfiles(chart: string): Profile[] {
  const files = readdirSync(join(chartsRoot, chart, 'ci'))
    .filter((file) => file.endsWith('-values.yaml'))
    .sort()
  return [
    { name: 'default', valueFiles: [] },
    ...files.map((file) => ({ name: file.replace(/-values\.yaml$/, ''), valueFiles: [`ci/${file}`] })),
  ]
}
