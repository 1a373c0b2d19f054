import { describe, expect, it } from 'vitest'
import { behavioursFromModel, parseBehaviourHeader, resolveBehaviour } from './behaviours.js'

describe('behaviours', () => {
  it('reads behaviours from model-name conventions, several in one name', () => {
    expect(behavioursFromModel('openai/mock-error-503')).toEqual([{ status: 503 }])
    expect(behavioursFromModel('mock-slow-200ms-fail-after-3')).toEqual([
      { latencyMs: 200 },
      { failAfterChunks: 3 },
    ])
    expect(behavioursFromModel('mock-stream-error-after-2')).toEqual([{ streamErrorAfterChunks: 2 }])
    expect(behavioursFromModel('mock-drop')).toEqual([{ dropConnection: true }])
    expect(behavioursFromModel('gpt-4o')).toEqual([])
  })

  it('merges behaviours with later fields winning and delays adding up', () => {
    const resolved = resolveBehaviour([{ latencyMs: 100, status: 500 }, { hangMs: 50 }, { status: 429 }])
    expect(resolved).toMatchObject({ delayMs: 150, status: 429, dropConnection: false })
  })

  it('parses the header as a JSON object and refuses anything else', () => {
    expect(parseBehaviourHeader('{"status":418}')).toEqual({ status: 418 })
    expect(() => parseBehaviourHeader('[1]')).toThrow(/JSON object/)
    expect(() => parseBehaviourHeader('nope')).toThrow(/JSON object/)
  })
})
