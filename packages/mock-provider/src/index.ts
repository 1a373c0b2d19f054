// Public API of the built-in mock provider (`@gw/mock-provider`).

export { behaviourHeader, behavioursFromModel } from './behaviours.js'
export { startMockProvider } from './server.js'
export { defaultReplyText } from './settings.js'
export type {
  MockBehaviour,
  MockChunkDelayBehaviour,
  MockDropConnectionBehaviour,
  MockFailAfterChunksBehaviour,
  MockHangBehaviour,
  MockLatencyBehaviour,
  MockProvider,
  MockProviderOptions,
  MockReplyBehaviour,
  MockSplitUtf8Behaviour,
  MockStatusBehaviour,
  MockStreamErrorBehaviour,
  MockWire,
  RecordedRequest,
} from './types.js'
