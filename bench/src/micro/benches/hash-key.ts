// hashKey: SHA-256 of the presented virtual key, the auth cache's lookup key (every request).
import { hashKey } from '@gw/auth-cache'
import { sampleVirtualKey } from '../fixtures.js'
import { registerMicro } from '../registry.js'

registerMicro({
  name: 'hashKey',
  description: 'SHA-256 hex of a presented virtual key',
  reference: { name: 'HashKey', nsPerOp: 83.8, allocsPerOp: 1 },
  async setup() {
    return { operation: () => hashKey(sampleVirtualKey) }
  },
})
