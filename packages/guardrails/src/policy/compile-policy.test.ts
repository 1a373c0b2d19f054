import type { PolicyRules } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import { checkValue } from './check-value.js'
import { compilePattern, isPatternProblem } from './compile-pattern.js'
import { compilePolicy } from './compile-policy.js'

const empty = { deny: [], allow: null }
const rules = (overrides: Partial<PolicyRules>): PolicyRules => ({
  tools: empty,
  mcp: empty,
  urls: empty,
  models: empty,
  ...overrides,
})

describe('compilePolicy', () => {
  it('returns a null policy when no dimension has a rule, so the step can skip', () => {
    expect(compilePolicy(rules({}))).toEqual({ ok: true, policy: null })
    expect(compilePolicy(undefined)).toEqual({ ok: true, policy: null })
    expect(compilePolicy(rules({ tools: { deny: [], allow: [] } }))).toEqual({ ok: true, policy: null })
  })

  it('compiles only the dimensions that have rules', () => {
    const compiled = compilePolicy(rules({ tools: { deny: ['^exec'], allow: null } }))
    expect(compiled.ok).toBe(true)
    if (!compiled.ok) return
    expect(Object.keys(compiled.policy ?? {})).toEqual(['tools'])
  })

  it('reports every pattern that does not compile, with its dimension', () => {
    const compiled = compilePolicy(
      rules({ urls: { deny: ['('], allow: null }, models: { deny: [], allow: ['['] } }),
    )
    expect(compiled.ok).toBe(false)
    if (compiled.ok) return
    expect(compiled.problems.map(({ rule, pattern }) => [rule, pattern])).toEqual([
      ['urls', '('],
      ['models', '['],
    ])
  })
})

describe('compilePattern', () => {
  it('refuses empty and overlong patterns', () => {
    expect(isPatternProblem(compilePattern(''))).toBe(true)
    expect(isPatternProblem(compilePattern('a'.repeat(1001)))).toBe(true)
    expect(isPatternProblem(compilePattern('^ok$'))).toBe(false)
  })
})

describe('checkValue', () => {
  const compiled = compilePolicy(rules({ tools: { deny: ['^exec'], allow: ['^get_', '^exec_safe$'] } }))
  const tools = compiled.ok ? compiled.policy?.tools : undefined

  it('applies deny before the allow-list', () => {
    expect(checkValue('tools', tools!, 'exec_safe')).toEqual({
      rule: 'tools',
      list: 'deny',
      pattern: '^exec',
      value: 'exec_safe',
    })
  })

  it('refuses a value no allow pattern matches, and passes one that matches', () => {
    expect(checkValue('tools', tools!, 'delete_all')).toMatchObject({ list: 'allow', pattern: null })
    expect(checkValue('tools', tools!, 'get_weather')).toBeUndefined()
  })
})
