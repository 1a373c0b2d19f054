// Test-only process entry: the gw-gateway command with the test routes mounted (spawned by tests).
import { runGatewayCli } from '../cli/run-gateway-cli.js'
import { testRoutes } from './test-routes.js'

const code = await runGatewayCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  routes: testRoutes,
})
if (code !== undefined) process.exitCode = code
