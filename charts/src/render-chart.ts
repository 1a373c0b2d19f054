// Runs `helm template` / `helm lint` on a chart of this repository and parses the rendered manifests.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'

/** The charts/ folder of the repository. */
export const chartsRoot = fileURLToPath(new URL('..', import.meta.url))

/** One rendered Kubernetes object. */
export interface Manifest {
  apiVersion: string
  kind: string
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }
  // Each kind has its own spec: tests read the fields they check.
  // biome-ignore lint/suspicious/noExplicitAny: manifests are arbitrary YAML
  [field: string]: any
}

/** What `helm template` answered. */
export interface RenderResult {
  ok: boolean
  /** The rendered YAML stream. */
  yaml: string
  /** helm's error output (the `fail` message when rendering was refused). */
  stderr: string
  manifests: Manifest[]
}

/** Options of {@link renderChart}. */
export interface RenderChartOptions {
  /** Value files, relative to the chart folder (e.g. `ci/production-values.yaml`). */
  valueFiles?: string[]
  /** `--set` pairs. */
  set?: Record<string, string | number | boolean>
  /** Release name (default `gw`). */
  releaseName?: string
}

function valueArgs(options: RenderChartOptions): string[] {
  return [
    ...(options.valueFiles ?? []).flatMap((file) => ['-f', file]),
    ...Object.entries(options.set ?? {}).flatMap(([key, value]) => ['--set', `${key}=${value}`]),
  ]
}

/**
 * Renders `charts/<chart>` with helm and parses every document.
 *
 * @example
 * const { manifests } = renderChart(helm, 'gateway', { set: { 'networkPolicy.enabled': true } })
 */
export function renderChart(helm: string, chart: string, options: RenderChartOptions = {}): RenderResult {
  const result = spawnSync(
    helm,
    ['template', options.releaseName ?? 'gw', '.', '--namespace', 'gw', ...valueArgs(options)],
    { cwd: `${chartsRoot}/${chart}`, encoding: 'utf8', timeout: 60_000 },
  )
  const yaml = result.stdout ?? ''
  const manifests =
    result.status === 0
      ? parseAllDocuments(yaml)
          .map((document) => document.toJS() as Manifest | null)
          .filter((manifest): manifest is Manifest => manifest !== null)
      : []
  return { ok: result.status === 0, yaml, stderr: result.stderr ?? '', manifests }
}

/**
 * Runs `helm lint --strict` on `charts/<chart>` with the given values.
 *
 * @example
 * expect(lintChart(helm, 'gateway').ok).toBe(true)
 */
export function lintChart(
  helm: string,
  chart: string,
  options: RenderChartOptions = {},
): { ok: boolean; output: string } {
  const result = spawnSync(helm, ['lint', '--strict', '.', ...valueArgs(options)], {
    cwd: `${chartsRoot}/${chart}`,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` }
}
