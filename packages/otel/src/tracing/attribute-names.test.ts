import * as incubating from '@opentelemetry/semantic-conventions/incubating'
import { describe, expect, it } from 'vitest'
import * as names from './attribute-names.js'

describe('gen_ai attribute names', () => {
  it('are the semantic conventions’ own values (copied, not imported, at run time)', () => {
    const upstream = new Map<string, unknown>(Object.entries(incubating))
    const copied = Object.entries(names).filter(([name]) => name.startsWith('ATTR_GEN_AI_'))
    expect(copied.length).toBe(17)
    for (const [name, value] of copied) expect([name, value]).toEqual([name, upstream.get(name)])
  })
})
