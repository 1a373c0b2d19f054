// Request id generation: a monotonic ULID per request (`req_<ULID>`), every request.
import { monotonicFactory } from 'ulid'
import { importExports } from '../../shared/optional-module.js'
import { registerMicro } from '../registry.js'

const requestIdShape = /^req_[0-9A-HJKMNP-TV-Z]{26}$/

registerMicro({
  name: 'request id',
  description: 'req_ + monotonic ULID',
  preDispatch: true,
  reference: { name: 'NewULID', nsPerOp: 76.0, allocsPerOp: 2 },
  async setup() {
    const loaded = await importExports('@gw/gateway', ['createRequestIdGenerator'])
    if (loaded.ok) {
      const nextRequestId = (loaded.exports.createRequestIdGenerator as () => () => string)()
      if (requestIdShape.test(nextRequestId()))
        return { operation: nextRequestId, note: "the gateway's createRequestIdGenerator" }
    }
    // The gateway keeps its generator internal: time the same construction it uses
    // (apps/gateway/src/server/request-id.ts, one `ulid` monotonic factory per process).
    const nextUlid = monotonicFactory()
    return {
      operation: () => `req_${nextUlid()}`,
      note: 'ulid monotonicFactory, as the gateway builds its generator',
    }
  },
})
