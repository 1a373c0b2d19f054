import { type GatewayKeyConfig, parseGatewayKeyConfig } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { governanceOf } from './key-governance.js'

const config = (extra: Record<string, unknown> = {}): GatewayKeyConfig =>
  parseGatewayKeyConfig({ project_id: 'p', ...extra })

describe('governanceOf', () => {
  it('is null for a key with no policy rules, guardrails or cache rules', () => {
    expect(governanceOf(config())).toBeNull()
  })

  it('compiles once per config object', () => {
    const withRules = config({ policy_rules: { tools: { deny: ['^x'] } } })
    const first = governanceOf(withRules)
    expect(first?.policy?.tools?.deny.map(({ source }) => source)).toEqual(['^x'])
    expect(governanceOf(withRules)).toBe(first)
    expect(governanceOf(config({ policy_rules: { tools: { deny: ['^x'] } } }))).not.toBe(first)
  })

  it('keeps the problems of a policy that does not compile, so the key fails closed', () => {
    const governance = governanceOf(config({ policy_rules: { urls: { deny: ['('] } } }))
    expect(governance?.policy).toBeNull()
    expect(governance?.policyProblems?.[0]).toMatchObject({ rule: 'urls', pattern: '(' })
  })
})
