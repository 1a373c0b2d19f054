// Test helper: runs `gw-cp` in process against a harness's control plane, capturing its output.
import { runCli } from '../cli/run-cli.js'
import { type Harness, testSecrets } from './harness.js'

/** What one CLI run printed and its exit code. */
export interface CliRun {
  code: number
  out: string
  err: string
}

/**
 * Returns a `cli(...argv)` function bound to the harness (URL and admin token from it).
 *
 * @example
 * const cli = cliAgainst(() => h)
 * const org = await cli('org', 'create', '--name', 'Acme', '--field', 'id')
 */
export function cliAgainst(harness: () => Harness): (...argv: string[]) => Promise<CliRun> {
  return async (...argv) => {
    let out = ''
    let err = ''
    const code = await runCli(argv, {
      env: {
        CONTROL_PLANE_URL: harness().cp.url,
        CONTROL_PLANE_ADMIN_TOKEN: testSecrets.CONTROL_PLANE_ADMIN_TOKEN,
      },
      stdout: (text) => {
        out += text
      },
      stderr: (text) => {
        err += text
      },
    })
    return { code, out, err }
  }
}
