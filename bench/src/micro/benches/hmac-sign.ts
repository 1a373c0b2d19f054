// signRequest: HMAC-SHA256 signature of a control-plane call (cache misses and spend batches only).
import { signRequest } from '@gw/contract'
import { sampleSecrets } from '../fixtures.js'
import { registerMicro } from '../registry.js'

const resolveKeyBody = JSON.stringify({ key_presented: 'lw_vk_live_01HZX', gateway_node_id: 'gw-bench' })

registerMicro({
  name: 'signRequest (HMAC)',
  description: 'Sign POST /resolve-key (sha256 body + HMAC)',
  async setup() {
    const options = {
      secret: sampleSecrets.internal,
      method: 'POST',
      path: '/api/internal/gateway/resolve-key',
      body: resolveKeyBody,
      timestamp: 1_734_567_890,
      nodeId: 'gw-bench',
    }
    return { operation: () => signRequest(options) }
  },
})
