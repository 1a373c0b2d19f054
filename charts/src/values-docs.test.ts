import { describe, expect, it } from 'vitest'
import { documentValues, renderValuesTable, replaceValuesTable, tableMarkers } from './values-docs.js'

const valuesYaml = `# A header comment, not a value doc.

# -- Pods.
replicaCount: 2
image:
  # -- Repository.
  repository: gw-gateway
  undocumented: x
ingress:
  # -- Annotations | pipes escaped.
  annotations:
    a: "off"
  tls:
    # -- TLS on.
    enabled: true
`

describe('documentValues', () => {
  it('lists documented keys by dotted path with their defaults as JSON', () => {
    expect(documentValues(valuesYaml)).toEqual([
      { key: 'replicaCount', defaultValue: '2', description: 'Pods.' },
      { key: 'image.repository', defaultValue: '"gw-gateway"', description: 'Repository.' },
      {
        key: 'ingress.annotations',
        defaultValue: '{"a":"off"}',
        description: 'Annotations | pipes escaped.',
      },
      { key: 'ingress.tls.enabled', defaultValue: 'true', description: 'TLS on.' },
    ])
  })
})

describe('replaceValuesTable', () => {
  it('replaces only the text between the markers', () => {
    const readme = `# Chart\n\n${tableMarkers.start}\nold\n${tableMarkers.end}\n\nAfter.\n`
    const table = renderValuesTable(documentValues(valuesYaml))
    const updated = replaceValuesTable(readme, table)
    expect(updated).toBe(`# Chart\n\n${tableMarkers.start}\n${table}\n${tableMarkers.end}\n\nAfter.\n`)
    expect(table).toContain('| `ingress.annotations` | `{"a":"off"}` | Annotations \\| pipes escaped. |')
  })

  it('refuses a README without markers', () => {
    expect(() => replaceValuesTable('# Chart\n', 'table')).toThrow('no values-table markers')
  })
})
