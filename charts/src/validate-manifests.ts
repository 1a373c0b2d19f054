// Validates rendered manifests strictly against the Kubernetes JSON schemas with kubernetes-validate.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Kubernetes versions the charts are checked against: the oldest the charts allow (kubeVersion) and the newest schema shipped. */
export const kubernetesVersions = ['1.30.0', '1.37.0'] as const

/**
 * Runs `kubernetes-validate --strict` on a YAML stream; unknown fields, wrong types and
 * unknown kinds fail. Returns the tool's output for the assertion message.
 *
 * @example
 * const { ok, output } = validateManifests('kubernetes-validate', yaml, '1.30.0')
 */
export function validateManifests(
  command: string,
  yaml: string,
  kubernetesVersion: string,
): { ok: boolean; output: string } {
  const folder = mkdtempSync(join(tmpdir(), 'gw-kv-'))
  try {
    const file = join(folder, 'manifests.yaml')
    writeFileSync(file, yaml)
    const result = spawnSync(command, ['--strict', '--quiet', '-k', kubernetesVersion, file], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
