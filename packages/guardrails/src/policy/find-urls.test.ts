import { describe, expect, it } from 'vitest'
import { findUrls } from './find-urls.js'

const all = (text: string) => {
  const found: string[] = []
  findUrls(text, (url) => {
    found.push(url)
  })
  return found
}

describe('findUrls', () => {
  it('finds every http(s) URL, any scheme case, without trailing punctuation or quotes', () => {
    expect(
      all('a https://x.test/p?q=1. b HTTP://Y.test, c "http://z.test/(x)" d ftp://no.test e https://'),
    ).toEqual(['https://x.test/p?q=1', 'HTTP://Y.test', 'http://z.test/(x'])
  })

  it('stops at the first URL the visitor answers for', () => {
    expect(findUrls('http://a.test http://b.test', (url) => (url.includes('a') ? 'hit' : undefined))).toBe(
      'hit',
    )
  })

  it('returns nothing for text without a scheme separator', () => {
    expect(all('plain prose, no links')).toEqual([])
  })
})
