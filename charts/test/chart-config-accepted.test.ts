// What the charts put in the pods' environment is a configuration the apps' own loaders accept.
import { loadControlPlaneConfig } from '@gw/control-plane'
import { loadGatewayConfig } from '@gw/gateway'
import { describe, expect, it } from 'vitest'
import { findHelm } from '../src/find-tool.js'
import { podEnvironment } from '../src/pod-environment.js'
import { chartProfiles } from '../src/profiles.js'
import { renderChart } from '../src/render-chart.js'

const helm = findHelm()
const standIns: Record<string, string> = {
  OTEL_OTLP_HEADERS: 'Authorization=Bearer%20token',
  GATEWAY_REDIS_URL: 'redis://valkey:6379',
  DATABASE_URL: 'postgres://gw:password@postgres:5432/gw',
  CONTROL_PLANE_ENCRYPTION_KEY: 'a'.repeat(64),
}
const secretValue = (variable: string) => standIns[variable] ?? `${variable.toLowerCase()}-${'s'.repeat(40)}`

describe.skipIf(helm.missing)(
  `chart environments ${helm.missing ? `(skipped: ${helm.missing})` : ''}`,
  () => {
    for (const profile of chartProfiles('gateway')) {
      it(`gateway (${profile.name}): loadGatewayConfig accepts the pod environment`, () => {
        const { manifests } = renderChart(helm.path!, 'gateway', { valueFiles: profile.valueFiles })
        expect(() => loadGatewayConfig(podEnvironment(manifests, secretValue))).not.toThrow()
      })
    }

    it('gateway: the defaults reach the gateway as the documented numbers', () => {
      const { manifests } = renderChart(helm.path!, 'gateway')
      const { config } = loadGatewayConfig(podEnvironment(manifests, secretValue))
      expect(config.environment).toBe('production')
      expect(config.server).toMatchObject({
        addr: ':5563',
        maxRequestBodyBytes: 10_485_760,
        drainDelayMs: 5_000,
        gracefulMs: 15_000,
        idleTimeoutMs: 120_000,
      })
      expect(config.terminationGraceMs).toBe(30_000)
      expect(config.controlPlane.baseUrl).toBe('http://control-plane:5560')
      expect(config.admin.addr).toBeUndefined()
      expect(config.routing).toEqual({ stickyMaxSessions: 100_000, stickyTtlMs: 3_600_000 })
      expect(config.responseCache).toEqual({
        maxBytes: 67_108_864,
        maxEntryBytes: 1_048_576,
        defaultTtlMs: 300_000,
        maxTtlMs: 86_400_000,
      })
    })

    it('gateway: routing and response-cache values reach the gateway', () => {
      const { manifests } = renderChart(helm.path!, 'gateway', {
        set: {
          'routing.stickyMaxSessions': 5000,
          'routing.stickyTtl': '10m',
          'responseCache.maxBytes': 268435456,
          'responseCache.maxEntryBytes': 2048,
          'responseCache.defaultTtl': '90s',
          'responseCache.maxTtl': '2h30m',
        },
      })
      const { config } = loadGatewayConfig(podEnvironment(manifests, secretValue))
      expect(config.routing).toEqual({ stickyMaxSessions: 5_000, stickyTtlMs: 600_000 })
      expect(config.responseCache).toEqual({
        maxBytes: 268_435_456,
        maxEntryBytes: 2_048,
        defaultTtlMs: 90_000,
        maxTtlMs: 9_000_000,
      })
    })

    for (const profile of chartProfiles('control-plane')) {
      it(`control-plane (${profile.name}): loadControlPlaneConfig accepts the pod environment`, () => {
        const { manifests } = renderChart(helm.path!, 'control-plane', { valueFiles: profile.valueFiles })
        expect(() => loadControlPlaneConfig(podEnvironment(manifests, secretValue))).not.toThrow()
      })
    }
  },
)
