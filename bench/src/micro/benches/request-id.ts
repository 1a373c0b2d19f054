// Request id generation: a monotonic ULID per request (`req_<ULID>`), every request.
import { importExports } from '../../shared/optional-module.js'
import { registerMicro, skip } from '../registry.js'

const requestIdShape = /^req_[0-9A-HJKMNP-TV-Z]{26}$/

registerMicro({
  name: 'request id',
  description: 'req_ + monotonic ULID',
  preDispatch: true,
  reference: { name: 'NewULID', nsPerOp: 76.0, allocsPerOp: 2 },
  async setup() {
    const loaded = await importExports('@gw/gateway', ['createRequestIdGenerator'])
    if (!loaded.ok) return skip(loaded.reason)
    const nextRequestId = (loaded.exports.createRequestIdGenerator as () => () => string)()
    if (!requestIdShape.test(nextRequestId()))
      return skip('createRequestIdGenerator minted an id of another shape')
    return { operation: nextRequestId, note: "the gateway's createRequestIdGenerator" }
  },
})
