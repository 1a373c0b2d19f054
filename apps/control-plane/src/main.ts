// The control-plane process: config from the environment, start, stop cleanly on SIGTERM/SIGINT.
import { ConfigError } from '@gw/config-hydrate'
import { loadControlPlaneConfig } from './config.js'
import { startControlPlane } from './start-control-plane.js'

let config: ReturnType<typeof loadControlPlaneConfig>
try {
  config = loadControlPlaneConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}

const controlPlane = await startControlPlane(config)

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    controlPlane.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
