import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { envUrl, redactConfig, withEnvName } from './index.js'
import { maskUrlSecrets } from './mask-url.js'

describe('maskUrlSecrets', () => {
  it('masks the password of a userinfo and keeps the user name and host', () => {
    expect(maskUrlSecrets('http://u:secret@h:9')).toBe('http://u:***@h:9/')
  })

  it('masks credential query parameters and keeps the others', () => {
    expect(maskUrlSecrets('https://otel.example/v1?api_key=abc&region=eu')).toBe(
      'https://otel.example/v1?api_key=***&region=eu',
    )
  })

  it('returns a URL without secrets exactly as written', () => {
    expect(maskUrlSecrets('http://localhost:5560')).toBe('http://localhost:5560')
  })

  it('masks an unparseable value that may hold a userinfo', () => {
    expect(maskUrlSecrets('//u:secret@h')).toBe('***')
  })
})

describe('envUrl in redactConfig', () => {
  it('never prints the password of a URL variable', () => {
    const schema = v.object({ proxy: withEnvName(envUrl(), 'PROXY') })
    const dump = redactConfig(schema, { proxy: 'http://u:secret@h:9' })
    expect(JSON.stringify(dump)).not.toContain('secret')
    expect(dump.proxy).toBe('http://u:***@h:9/')
  })
})
