// Request id generation: a monotonic ULID per request (`req_<ULID>`), every request.
import { createRequestIdGenerator } from '@gw/gateway'
import { registerMicro, skip } from '../registry.js'

const requestIdShape = /^req_[0-9A-HJKMNP-TV-Z]{26}$/

registerMicro({
  name: 'request id',
  description: 'req_ + monotonic ULID',
  preDispatch: true,
  reference: { name: 'NewULID', nsPerOp: 76.0, allocsPerOp: 2 },
  async setup() {
    const nextRequestId = createRequestIdGenerator()
    if (!requestIdShape.test(nextRequestId()))
      return skip('createRequestIdGenerator minted an id of another shape')
    return { operation: nextRequestId, note: "the gateway's createRequestIdGenerator" }
  },
})
