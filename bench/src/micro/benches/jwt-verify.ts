// createBundleVerifier: HS256 verification of a bundle JWT (once per cache fill, not per request).
import { importExports } from '../../shared/optional-module.js'
import { sampleBundleClaims, sampleSecrets } from '../fixtures.js'
import { registerMicro, skip } from '../registry.js'

type SignBundle = (claims: typeof sampleBundleClaims, options: { secret: string }) => Promise<string>
type CreateBundleVerifier = (options: { secret: string }) => (jwt: string) => Promise<{ vk_id: string }>

registerMicro({
  name: 'bundle JWT verify',
  description: 'createBundleVerifier on a signed bundle (prepared key)',
  async setup() {
    const loaded = await importExports('@gw/auth-cache', ['signBundle', 'createBundleVerifier'])
    if (!loaded.ok) return skip(loaded.reason)
    const signBundle = loaded.exports.signBundle as SignBundle
    const createBundleVerifier = loaded.exports.createBundleVerifier as CreateBundleVerifier
    const jwt = await signBundle(sampleBundleClaims, { secret: sampleSecrets.jwt })
    const verify = createBundleVerifier({ secret: sampleSecrets.jwt })
    const claims = await verify(jwt)
    if (claims.vk_id !== sampleBundleClaims.vk_id) return skip('verifier returned unexpected claims')
    return { operation: () => verify(jwt) }
  },
})
