// charts/control-plane rendered by helm: PGlite on a PVC for one replica, PostgreSQL from a Secret for more.
import { describe, expect, it } from 'vitest'
import { findHelm } from '../src/find-tool.js'
import { chartProfiles } from '../src/profiles.js'
import { lintChart, type Manifest, type RenderChartOptions, renderChart } from '../src/render-chart.js'

const helm = findHelm()
const render = (options: RenderChartOptions = {}) =>
  renderChart(helm.path!, 'control-plane', { releaseName: 'control-plane', ...options })
const kinds = (manifests: Manifest[]) => manifests.map((each) => each.kind).sort()
const deployment = (manifests: Manifest[]) => manifests.find((each) => each.kind === 'Deployment')!
const env = (manifests: Manifest[]): { name: string; value?: string; valueFrom?: object }[] =>
  deployment(manifests).spec.template.spec.containers[0].env

describe.skipIf(helm.missing)(
  `charts/control-plane ${helm.missing ? `(skipped: ${helm.missing})` : ''}`,
  () => {
    for (const profile of chartProfiles('control-plane')) {
      it(`lints and renders the ${profile.name} profile`, () => {
        const lint = lintChart(helm.path!, 'control-plane', { valueFiles: profile.valueFiles })
        expect(lint.ok, lint.output).toBe(true)
        expect(render({ valueFiles: profile.valueFiles }).ok).toBe(true)
      })
    }

    it('runs one replica on PGlite with a kept PVC at /data and the Service the gateway chart points at', () => {
      const { manifests } = render()
      expect(kinds(manifests)).toEqual(['Deployment', 'PersistentVolumeClaim', 'Service', 'ServiceAccount'])
      const spec = deployment(manifests).spec
      expect(spec.replicas).toBe(1)
      expect(spec.strategy.type).toBe('Recreate')
      expect(env(manifests)).toContainEqual({ name: 'CONTROL_PLANE_DATA_DIR', value: '/data' })
      const pvc = manifests.find((each) => each.kind === 'PersistentVolumeClaim')!
      expect(pvc.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep')
      const service = manifests.find((each) => each.kind === 'Service')!
      expect(service.metadata.name).toBe('control-plane')
      expect(service.spec.ports[0].port).toBe(5560)
      expect(spec.template.metadata.labels['app.kubernetes.io/name']).toBe('control-plane')
    })

    it('takes DATABASE_URL and every secret from Secrets, never as values', () => {
      const { manifests } = render({ valueFiles: ['ci/postgres-values.yaml'] })
      expect(kinds(manifests)).not.toContain('PersistentVolumeClaim')
      expect(kinds(manifests)).not.toContain('Secret')
      const variables = env(manifests)
      expect(variables.map((each) => each.name)).not.toContain('CONTROL_PLANE_DATA_DIR')
      for (const name of [
        'DATABASE_URL',
        'LW_GATEWAY_INTERNAL_SECRET',
        'LW_GATEWAY_JWT_SECRET',
        'LW_VIRTUAL_KEY_PEPPER',
        'CONTROL_PLANE_ADMIN_TOKEN',
        'CONTROL_PLANE_ENCRYPTION_KEY',
      ]) {
        const variable = variables.find((each) => each.name === name)
        expect(variable?.value, name).toBeUndefined()
        expect(variable?.valueFrom, name).toHaveProperty('secretKeyRef')
      }
    })

    it('refuses more than one replica on PGlite', () => {
      const refused = render({ set: { replicaCount: 2 } })
      expect(refused.ok).toBe(false)
      expect(refused.stderr).toContain(
        'replicaCount (2) > 1 needs PostgreSQL: set database.existingSecretName',
      )
    })
  },
)
