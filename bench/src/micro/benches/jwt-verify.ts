// createBundleVerifier: HS256 verification of a bundle JWT (once per cache fill, not per request).
import { createBundleVerifier, signBundle } from '@gw/auth-cache'
import { sampleBundleClaims, sampleSecrets } from '../fixtures.js'
import { registerMicro, skip } from '../registry.js'

registerMicro({
  name: 'bundle JWT verify',
  description: 'createBundleVerifier on a signed bundle (prepared key)',
  async setup() {
    const jwt = await signBundle(sampleBundleClaims, { secret: sampleSecrets.jwt })
    const verify = createBundleVerifier({ secret: sampleSecrets.jwt })
    const claims = await verify(jwt)
    if (claims.vk_id !== sampleBundleClaims.vk_id) return skip('verifier returned unexpected claims')
    return { operation: () => verify(jwt) }
  },
})
