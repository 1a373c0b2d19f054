// hashKey: SHA-256 of the presented virtual key, the auth cache's lookup key (every request).
import { importExports } from '../../shared/optional-module.js'
import { sampleVirtualKey } from '../fixtures.js'
import { registerMicro, skip } from '../registry.js'

registerMicro({
  name: 'hashKey',
  description: 'SHA-256 hex of a presented virtual key',
  reference: { name: 'HashKey', nsPerOp: 83.8, allocsPerOp: 1 },
  async setup() {
    const loaded = await importExports('@gw/auth-cache', ['hashKey'])
    if (!loaded.ok) return skip(loaded.reason)
    const hashKey = loaded.exports.hashKey as (raw: string) => string
    return { operation: () => hashKey(sampleVirtualKey) }
  },
})
