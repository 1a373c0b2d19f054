// AuthCache hit: a warm entry served by peek (sync fast path) and by get (async), every request.

import { type AuthCache, createAuthCache, type ResolvedEntry } from '@gw/auth-cache'
import { parseGatewayKeyConfig } from '@gw/contract'
import { sampleBundleClaims, sampleVirtualKey } from '../fixtures.js'
import { type PreparedBenchmark, registerMicro, type SkippedBenchmark, skip } from '../registry.js'

// A resolved entry valid for an hour: the resolver stands in for the control plane round trip.
function resolvedEntry(): ResolvedEntry {
  const iat = Math.floor(Date.now() / 1000)
  return {
    claims: {
      ...sampleBundleClaims,
      iat,
      exp: iat + 3_600,
      iss: 'langwatch-control-plane',
      aud: 'langwatch-gateway',
    },
    jwt: 'header.payload.signature',
    config: parseGatewayKeyConfig({ project_id: sampleBundleClaims.project_id, providers: [] }),
    etag: null,
  }
}

async function warmCache(): Promise<AuthCache | SkippedBenchmark> {
  const cache = createAuthCache({ resolve: async () => resolvedEntry() })
  await cache.get(sampleVirtualKey)
  if (cache.peek(sampleVirtualKey) === undefined) return skip('peek missed a warm entry')
  return cache
}

async function prepare(mode: 'peek' | 'get'): Promise<PreparedBenchmark | SkippedBenchmark> {
  const cache = await warmCache()
  if ('skipped' in cache) return cache
  return {
    operation: mode === 'peek' ? () => cache.peek(sampleVirtualKey) : () => cache.get(sampleVirtualKey),
  }
}

registerMicro({
  name: 'AuthCache peek (hit)',
  description: 'Sync lookup of a warm key (includes hashKey and the shape check)',
  preDispatch: true,
  setup: () => prepare('peek'),
})

registerMicro({
  name: 'AuthCache get (hit)',
  description: 'Async lookup of a warm key (one awaited promise)',
  setup: () => prepare('get'),
})
