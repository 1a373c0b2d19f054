// charts/gateway rendered by helm: the objects, the drain-math rule, NetworkPolicy, secrets and numbers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findHelm } from '../src/find-tool.js'
import { chartProfiles } from '../src/profiles.js'
import { lintChart, type Manifest, type RenderChartOptions, renderChart } from '../src/render-chart.js'

const helm = findHelm()
const render = (options: RenderChartOptions = {}) => renderChart(helm.path!, 'gateway', options)
const ofKind = (manifests: Manifest[], kind: string) => manifests.filter((each) => each.kind === kind)
const only = (manifests: Manifest[], kind: string) => {
  const found = ofKind(manifests, kind)
  expect(found, `exactly one ${kind}`).toHaveLength(1)
  return found[0]!
}
const container = (manifests: Manifest[]) => only(manifests, 'Deployment').spec.template.spec.containers[0]
const configData = (manifests: Manifest[]): Record<string, string> => only(manifests, 'ConfigMap').data
const secretVariables = [
  'LW_GATEWAY_INTERNAL_SECRET',
  'LW_GATEWAY_JWT_SECRET',
  'LW_GATEWAY_JWT_SECRET_PREVIOUS',
  'OTEL_OTLP_HEADERS',
  'GATEWAY_ADMIN_AUTH_TOKEN',
]

describe.skipIf(helm.missing)(`charts/gateway ${helm.missing ? `(skipped: ${helm.missing})` : ''}`, () => {
  for (const profile of chartProfiles('gateway')) {
    it(`lints and renders the ${profile.name} profile`, () => {
      const lint = lintChart(helm.path!, 'gateway', { valueFiles: profile.valueFiles })
      expect(lint.ok, lint.output).toBe(true)
      const rendered = render({ valueFiles: profile.valueFiles })
      expect(rendered.ok, rendered.stderr).toBe(true)
      expect(ofKind(rendered.manifests, 'Deployment')).toHaveLength(1)
    })
  }

  it('renders the default objects, with an HPA of 2–10 pods on CPU 70% and a PDB of minAvailable 1', () => {
    const { manifests } = render()
    expect(manifests.map((each) => each.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
    ])
    const hpa = only(manifests, 'HorizontalPodAutoscaler').spec
    expect([hpa.minReplicas, hpa.maxReplicas]).toEqual([2, 10])
    expect(hpa.metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
      },
    ])
    expect(only(manifests, 'PodDisruptionBudget').spec.minAvailable).toBe(1)
    expect(only(manifests, 'Deployment').spec.replicas).toBeUndefined()
  })

  it('adds the lw_gateway_rps pods metric to the HPA when asked', () => {
    const hpa = only(
      render({ set: { 'autoscaling.rps.enabled': true } }).manifests,
      'HorizontalPodAutoscaler',
    ).spec
    expect(hpa.metrics[1]).toEqual({
      type: 'Pods',
      pods: { metric: { name: 'lw_gateway_rps' }, target: { type: 'AverageValue', averageValue: '200' } },
    })
  })

  it('sets a fixed replica count only with autoscaling off', () => {
    const { manifests } = render({ set: { 'autoscaling.enabled': false, replicaCount: 3 } })
    expect(ofKind(manifests, 'HorizontalPodAutoscaler')).toHaveLength(0)
    expect(only(manifests, 'Deployment').spec.replicas).toBe(3)
  })

  it('probes /startupz, /readyz and /livez on the port the gateway listens on', () => {
    const { manifests } = render()
    const gateway = container(manifests)
    expect(gateway.ports).toEqual([{ name: 'http', containerPort: 5563, protocol: 'TCP' }])
    expect(configData(manifests).SERVER_ADDR).toBe(':5563')
    expect(
      [gateway.startupProbe, gateway.readinessProbe, gateway.livenessProbe].map((probe) => probe.httpGet),
    ).toEqual([
      { path: '/startupz', port: 'http' },
      { path: '/readyz', port: 'http' },
      { path: '/livez', port: 'http' },
    ])
    const service = only(manifests, 'Service').spec
    expect(service.type).toBe('ClusterIP')
    expect(service.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }])
  })

  it('runs non-root on a read-only root filesystem with a writable /tmp, no capabilities, RuntimeDefault seccomp', () => {
    const { manifests } = render()
    const pod = only(manifests, 'Deployment').spec.template.spec
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    })
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    })
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }])
    expect(pod.containers[0].resources).toEqual({
      requests: { cpu: '200m', memory: '256Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    })
    expect(pod.topologySpreadConstraints[0]).toMatchObject({
      topologyKey: 'topology.kubernetes.io/zone',
      maxSkew: 1,
    })
  })

  it('wires the drain values: 5s pre-drain wait, 15s graceful, 30s grace checked by the gateway too', () => {
    const { manifests } = render()
    expect(only(manifests, 'Deployment').spec.template.spec.terminationGracePeriodSeconds).toBe(30)
    expect(configData(manifests)).toMatchObject({
      SERVER_DRAIN_DELAY_SECONDS: '5s',
      SERVER_GRACEFUL_SECONDS: '15s',
      TERMINATION_GRACE_SECONDS: '30',
    })
    expect(container(manifests).lifecycle).toBeUndefined()
    const withPreStop = render({ valueFiles: ['ci/prestop-values.yaml'] })
    expect(container(withPreStop.manifests).lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } })
  })

  it('refuses to render when terminationGracePeriodSeconds < preDrainWait + timeout + slack, naming the values', () => {
    const refused = render({ set: { terminationGracePeriodSeconds: 29 } })
    expect(refused.ok).toBe(false)
    expect(refused.stderr).toContain('terminationGracePeriodSeconds (29) must be ≥')
    for (const name of ['shutdown.preDrainWait (5s)', 'shutdown.timeout (15s)', 'shutdown.slack (10s)'])
      expect(refused.stderr).toContain(name)
    const slowLoadBalancer = { 'shutdown.preDrainWait': '1m', 'shutdown.timeout': '1m30s' }
    expect(render({ set: { ...slowLoadBalancer, terminationGracePeriodSeconds: 159 } }).ok).toBe(false)
    expect(render({ set: { ...slowLoadBalancer, terminationGracePeriodSeconds: 160 } }).ok).toBe(true)
    expect(render({ set: { 'shutdown.preStopSleepSeconds': 1 } }).ok).toBe(false)
  })

  it('renders no NetworkPolicy by default and exactly one, DNS egress first, when enabled', () => {
    expect(ofKind(render().manifests, 'NetworkPolicy')).toHaveLength(0)
    const policy = only(render({ set: { 'networkPolicy.enabled': true } }).manifests, 'NetworkPolicy').spec
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress'])
    expect(policy.ingress).toHaveLength(1)
    expect(policy.ingress[0].ports).toEqual([{ port: 5563, protocol: 'TCP' }])
    expect(policy.egress[0]).toEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
      ports: [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ],
    })
    expect(policy.egress.map((rule: { ports: { port: number }[] }) => rule.ports[0]!.port)).toEqual([
      53, 5560, 443,
    ])
    expect(policy.egress.at(-1).to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } },
    ])
  })

  it('adds the Redis and OTLP egress rules only when they are configured, and pins provider CIDRs on request', () => {
    const policy = only(
      render({
        set: {
          'networkPolicy.enabled': true,
          'redis.url': 'redis://valkey:6379',
          'networkPolicy.egressToOTLP[0].podSelector.matchLabels.app': 'otel-collector',
          'networkPolicy.egressToProviders[0].cidr': '104.18.0.0/16',
        },
      }).manifests,
      'NetworkPolicy',
    ).spec
    expect(policy.egress.map((rule: { ports: { port: number }[] }) => rule.ports[0]!.port)).toEqual([
      53, 5560, 6379, 4318, 443,
    ])
    expect(policy.egress[2].to).toBeUndefined()
    expect(policy.egress[3].to).toEqual([{ podSelector: { matchLabels: { app: 'otel-collector' } } }])
    expect(policy.egress[4].to).toEqual([{ ipBlock: { cidr: '104.18.0.0/16' } }])
  })

  it('only ever references secrets: no Secret object, every secret variable from a secretKeyRef', () => {
    for (const profile of chartProfiles('gateway')) {
      const { manifests, yaml } = render({ valueFiles: profile.valueFiles })
      expect(ofKind(manifests, 'Secret'), profile.name).toHaveLength(0)
      const data = configData(manifests)
      for (const name of secretVariables) expect(data[name], `${profile.name}: ${name}`).toBeUndefined()
      const env: { name: string; value?: string; valueFrom?: { secretKeyRef?: object } }[] =
        container(manifests).env
      for (const variable of env.filter((each) => secretVariables.includes(each.name))) {
        expect(variable.value, `${profile.name}: ${variable.name}`).toBeUndefined()
        expect(variable.valueFrom?.secretKeyRef, `${profile.name}: ${variable.name}`).toBeDefined()
      }
      expect(yaml).not.toMatch(/\bstringData:/)
      expect(data.GATEWAY_REDIS_URL ?? '', profile.name).not.toContain('@')
    }
    expect(render({ set: { 'redis.url': 'redis://:password@valkey:6379' } }).ok).toBe(false)
    const fromSecret = render({
      set: { 'redis.url': 'redis://valkey:6379', 'redis.existingSecretName': 'redis' },
    })
    expect(configData(fromSecret.manifests).GATEWAY_REDIS_URL).toBeUndefined()
    expect(container(fromSecret.manifests).env).toContainEqual({
      name: 'GATEWAY_REDIS_URL',
      valueFrom: { secretKeyRef: { name: 'redis', key: 'url' } },
    })
  })

  it('renders LW_GATEWAY_JWT_SECRET_PREVIOUS only while a previous key is set', () => {
    const names = (options: RenderChartOptions) =>
      container(render(options).manifests).env.map((each: { name: string }) => each.name)
    expect(names({})).not.toContain('LW_GATEWAY_JWT_SECRET_PREVIOUS')
    const rotating = container(render({ valueFiles: ['ci/jwt-previous-values.yaml'] }).manifests).env.find(
      (each: { name: string }) => each.name === 'LW_GATEWAY_JWT_SECRET_PREVIOUS',
    )
    expect(rotating.valueFrom).toEqual({
      secretKeyRef: { name: 'gateway-runtime-secrets', key: 'LW_GATEWAY_JWT_SECRET_PREVIOUS' },
    })
  })

  it('renders every number as an integer, never in scientific notation', () => {
    const { manifests, yaml } = render({
      set: {
        'security.maxRequestBodyBytes': 1048576000,
        'cache.lruSize': 2000000,
        'autoscaling.rps.enabled': true,
        'autoscaling.rps.targetAverageValue': 1500000,
      },
    })
    expect(configData(manifests)).toMatchObject({
      SERVER_MAX_REQUEST_BODY_BYTES: '1048576000',
      LW_GATEWAY_AUTH_CACHE_LRU_SIZE: '2000000',
    })
    expect(only(manifests, 'HorizontalPodAutoscaler').spec.metrics[1].pods.target.averageValue).toBe(
      '1500000',
    )
    expect(configData(render().manifests).SERVER_MAX_REQUEST_BODY_BYTES).toBe('10485760')
    expect(yaml).not.toMatch(/\d\.?\d*e[+-]\d/)
  })

  it('renders large integers from a values file (parsed as floats by helm) without an exponent', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gw-values-'))
    try {
      const file = join(folder, 'large-values.yaml')
      writeFileSync(
        file,
        'security:\n  maxRequestBodyBytes: 1048576000\ncache:\n  lruSize: 2000000\nterminationGracePeriodSeconds: 1000000\n',
      )
      const { manifests, yaml } = render({ valueFiles: [file] })
      expect(configData(manifests)).toMatchObject({
        SERVER_MAX_REQUEST_BODY_BYTES: '1048576000',
        LW_GATEWAY_AUTH_CACHE_LRU_SIZE: '2000000',
        TERMINATION_GRACE_SECONDS: '1000000',
      })
      expect(only(manifests, 'Deployment').spec.template.spec.terminationGracePeriodSeconds).toBe(1000000)
      expect(yaml).not.toMatch(/\d\.?\d*e[+-]\d/)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('rejects a misspelt or mistyped value through values.schema.json', () => {
    const typo = render({ set: { replicaCont: 3 } })
    expect(typo.ok).toBe(false)
    expect(typo.stderr).toContain('replicaCont')
    expect(render({ set: { 'security.maxRequestBodyBytes': '10MB' } }).ok).toBe(false)
    expect(render({ set: { 'shutdown.timeout': '15 seconds' } }).ok).toBe(false)
    expect(render({ set: { 'networkPolicy.enabeld': true } }).ok).toBe(false)
  })

  it('rejects routing and response-cache values the gateway would refuse', () => {
    expect(render({ set: { 'responseCache.maxBytes': '64MiB' } }).ok).toBe(false)
    expect(render({ set: { 'responseCache.maxEntryBytes': 100 } }).ok).toBe(false)
    expect(render({ set: { 'responseCache.maxTtl': '1 day' } }).ok).toBe(false)
    expect(render({ set: { 'routing.stickyMaxSessions': 0 } }).ok).toBe(false)
    expect(render({ set: { 'routing.stickTtl': '1h' } }).ok).toBe(false)
    expect(render({ set: { 'responseCache.defaultTtl': '1h30m', 'routing.stickyTtl': 600 } }).ok).toBe(true)
  })

  it('exposes only /v1 on the Ingress, with TLS and the unbuffered, hour-long SSE annotations', () => {
    const ingress = only(render({ valueFiles: ['ci/ingress-values.yaml'] }).manifests, 'Ingress')
    expect(ingress.metadata.annotations).toEqual({
      'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
      'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
    })
    expect(ingress.spec.tls).toEqual([{ hosts: ['gateway.example.com'], secretName: 'gateway-tls' }])
    expect(ingress.spec.rules[0].http.paths.map((path: { path: string }) => path.path)).toEqual(['/v1'])
  })

  it('puts the NLB and ACM annotations on a LoadBalancer Service', () => {
    const service = only(render({ valueFiles: ['ci/nlb-values.yaml'] }).manifests, 'Service')
    expect(service.spec.type).toBe('LoadBalancer')
    expect(service.spec.ports[0]).toMatchObject({ port: 443, targetPort: 'http' })
    expect(service.metadata.annotations?.['service.beta.kubernetes.io/aws-load-balancer-type']).toBe('nlb')
    expect(service.metadata.annotations?.['service.beta.kubernetes.io/aws-load-balancer-ssl-cert']).toMatch(
      /^arn:aws:acm:/,
    )
  })

  it('turns the admin listener, netcheck and ServiceMonitor on only when asked', () => {
    const defaults = render().manifests
    expect(configData(defaults).GATEWAY_ADMIN_ADDR).toBeUndefined()
    expect(configData(defaults).GATEWAY_STARTUP_NETCHECK_HOSTS).toBeUndefined()
    expect(ofKind(defaults, 'ServiceMonitor')).toHaveLength(0)
    const admin = render({ valueFiles: ['ci/admin-values.yaml'] }).manifests
    expect(configData(admin).GATEWAY_ADMIN_ADDR).toBe('0.0.0.0:6060')
    expect(container(admin).env).toContainEqual({
      name: 'GATEWAY_ADMIN_AUTH_TOKEN',
      valueFrom: { secretKeyRef: { name: 'gateway-admin-token', key: 'token' } },
    })
    const production = render({ valueFiles: ['ci/production-values.yaml'] }).manifests
    expect(configData(production).GATEWAY_STARTUP_NETCHECK_HOSTS).toBe(
      'api.openai.com:443,api.anthropic.com:443',
    )
    expect(only(production, 'ServiceMonitor').spec.endpoints).toEqual([
      { port: 'http', path: '/metrics', interval: '30s' },
    ])
  })
})
