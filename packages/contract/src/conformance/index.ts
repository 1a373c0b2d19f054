// Public API of @gw/contract/conformance: the control-plane contract suite and its runner.

export type { ContractCase, ContractOutcome } from './contract-case.js'
export { controlPlaneContractCases, SPOOL_SEGMENT_RECORDS } from './control-plane-contract-cases.js'
export type { ContractValues } from './fill-fixture.js'
export { fillPlaceholders, loadFixture } from './fill-fixture.js'
export type { ContractCaseResult, ContractTarget } from './run-contract-case.js'
export { runContractCase } from './run-contract-case.js'
