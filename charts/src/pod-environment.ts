// The environment a rendered Deployment gives its first container, with stand-ins for Secret values.
import type { Manifest } from './render-chart.js'

interface EnvVar {
  name: string
  value?: string
  valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } }
}

/**
 * Resolves the Deployment's `envFrom` ConfigMaps, literal values, field refs (as `pod-0`) and
 * Secret refs (through `secretValue`, since the charts never hold secret values).
 *
 * @example
 * const env = podEnvironment(manifests, (name) => 'x'.repeat(40))
 */
export function podEnvironment(
  manifests: Manifest[],
  secretValue: (variable: string) => string,
): Record<string, string> {
  const deployment = manifests.find((each) => each.kind === 'Deployment')
  if (!deployment) throw new Error('no Deployment rendered')
  const container = deployment.spec.template.spec.containers[0]
  const env: Record<string, string> = {}
  for (const source of container.envFrom ?? []) {
    const configMap = manifests.find(
      (each) => each.kind === 'ConfigMap' && each.metadata.name === source.configMapRef?.name,
    )
    if (!configMap)
      throw new Error(`envFrom names a ConfigMap that is not rendered: ${source.configMapRef?.name}`)
    Object.assign(env, configMap.data)
  }
  for (const variable of (container.env ?? []) as EnvVar[]) {
    if (variable.value !== undefined) env[variable.name] = variable.value
    else if (variable.valueFrom?.secretKeyRef) env[variable.name] = secretValue(variable.name)
    else if (variable.valueFrom?.fieldRef) env[variable.name] = 'pod-0'
  }
  return env
}
