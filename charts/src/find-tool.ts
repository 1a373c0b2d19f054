// Finds the external tools the checks need (helm, kubernetes-validate, hadolint, setpriv) and says why one is missing.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The helm version .ci/run builds with `go install helm.sh/helm/v4/cmd/helm@<version>`. */
export const helmVersion = 'v4.3.2'

/** Where .ci/run caches the helm binary between runs. */
export const helmCachePath = join(homedir(), '.cache', 'gw-tools', `helm-${helmVersion}`, 'helm')

/** A tool that was found, or the reason it was not (shown as the skip reason of the tests that need it). */
export type FoundTool = { path: string; missing?: undefined } | { path?: undefined; missing: string }

function runs(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 })
  return result.status === 0 ? `${result.stdout}${result.stderr}` : undefined
}

/**
 * Finds helm 4: the binary .ci/run caches, else a `helm` on PATH that reports a v4 version.
 *
 * @example
 * const helm = findHelm()
 * if (helm.path) spawnSync(helm.path, ['version'])
 */
export function findHelm(): FoundTool {
  for (const candidate of [helmCachePath, 'helm']) {
    if (candidate !== 'helm' && !existsSync(candidate)) continue
    const version = runs(candidate, ['version', '--short'])
    if (version?.startsWith('v4.')) return { path: candidate }
  }
  return {
    missing: `helm 4 not found (run .ci/run, or: GOBIN=$(dirname ${helmCachePath}) go install helm.sh/helm/v4/cmd/helm@${helmVersion})`,
  }
}

/**
 * Finds a command on PATH that answers `args` with exit code 0.
 *
 * @example
 * const validator = findCommand('kubernetes-validate', ['--version'], 'pip install kubernetes-validate')
 */
export function findCommand(command: string, args: string[], install: string): FoundTool {
  return runs(command, args) === undefined
    ? { missing: `${command} not found on PATH (install: ${install})` }
    : { path: command }
}
