import { describe, expect, it } from 'vitest'
import { renderE2eSection } from './render-e2e.js'
import { testReport } from './test-report.js'

describe('renderE2eSection', () => {
  it('puts the turns taken in blocks before the targets, which are judged on them', () => {
    const text = renderE2eSection(testReport(true))
    const turns = text.indexOf('### Floor and gateway taking turns')
    const targets = text.indexOf('### Targets')
    expect(turns).toBeGreaterThan(0)
    expect(targets).toBeGreaterThan(turns)
    expect(text.slice(targets)).toContain('median of 3 paired blocks')
  })

  it('leaves the section out, and says how the targets were read, when the paired run did not run', () => {
    const text = renderE2eSection(testReport(false))
    expect(text).not.toContain('### Floor and gateway taking turns')
    expect(text).toContain('one run each, minutes apart')
  })
})
