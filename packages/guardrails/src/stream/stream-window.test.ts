import { describe, expect, it } from 'vitest'
import { StreamWindow } from './stream-window.js'

describe('StreamWindow', () => {
  it('holds text back until a window is pending, then hands it over with the overlap', () => {
    const window = new StreamWindow({ windowChars: 10, overlapChars: 3 })
    expect(window.append('hello ')).toBeUndefined()
    expect(window.pendingChars).toBe(6)
    expect(window.append('world!')).toEqual({
      text: 'hello world!',
      overlap: 0,
      totalChars: 12,
      remote: false,
    })
    expect(window.append('0123456789')).toEqual({
      text: 'ld!0123456789',
      overlap: 3,
      totalChars: 22,
      remote: false,
    })
  })

  it('flushes the remainder at the end, and nothing when nothing is pending', () => {
    const window = new StreamWindow({ windowChars: 10, overlapChars: 0 })
    window.append('abc')
    expect(window.flush()).toEqual({ text: 'abc', overlap: 0, totalChars: 3, remote: false })
    expect(window.flush()).toBeUndefined()
    expect(window.wholeText()).toBe('abc')
  })

  it('asks for the remote evaluators every N windows', () => {
    const window = new StreamWindow({ windowChars: 1, remoteEvery: 2 })
    expect([...'abcd'].map((char) => window.append(char)?.remote)).toEqual([false, true, false, true])
  })

  it('takes the next overlap from a modified window', () => {
    const window = new StreamWindow({ windowChars: 4, overlapChars: 4 })
    window.append('a@b.')
    window.acceptModified('[EMAIL]')
    expect(window.append('io ok')).toMatchObject({ text: 'AIL]io ok', overlap: 4 })
  })

  it('keeps the whole text for the final check', () => {
    const window = new StreamWindow({ windowChars: 4 })
    for (const part of ['ab', 'cd', 'ef']) window.append(part)
    expect(window.wholeText()).toBe('abcdef')
  })
})
