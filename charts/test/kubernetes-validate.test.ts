// Every profile of both charts, rendered and validated strictly against the Kubernetes schemas.
import { describe, expect, it } from 'vitest'
import { findCommand, findHelm } from '../src/find-tool.js'
import { chartProfiles } from '../src/profiles.js'
import { renderChart } from '../src/render-chart.js'
import { kubernetesVersions, validateManifests } from '../src/validate-manifests.js'

const helm = findHelm()
const validator = findCommand('kubernetes-validate', ['--version'], 'pip install kubernetes-validate')
const missing = helm.missing ?? validator.missing
// CRDs are not in the Kubernetes schemas; the ServiceMonitor's fields are asserted in gateway-chart.test.ts.
const crdKinds = new Set(['ServiceMonitor'])

describe.skipIf(missing)(`kubernetes-validate --strict ${missing ? `(skipped: ${missing})` : ''}`, () => {
  for (const chart of ['gateway', 'control-plane']) {
    for (const profile of chartProfiles(chart)) {
      it(`accepts ${chart} (${profile.name}) for Kubernetes ${kubernetesVersions.join(' and ')}`, () => {
        const rendered = renderChart(helm.path!, chart, { valueFiles: profile.valueFiles })
        expect(rendered.ok, rendered.stderr).toBe(true)
        const documents = rendered.yaml
          .split(/^---$/m)
          .filter((document) => /^kind: /m.test(document))
          .filter((document) => !crdKinds.has(/^kind: (\S+)/m.exec(document)![1]!))
        expect(documents.length).toBeGreaterThan(2)
        for (const version of kubernetesVersions) {
          const result = validateManifests(validator.path!, documents.join('\n---\n'), version)
          expect(result.ok, result.output).toBe(true)
        }
      })
    }
  }

  it('catches an unknown field (the check is strict)', () => {
    const bad = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  portz: []\n'
    expect(validateManifests(validator.path!, bad, kubernetesVersions[0]).ok).toBe(false)
  })
})
