import { describe, expect, it } from 'vitest'
import { createAddressPolicy } from './address-policy.js'

describe('createAddressPolicy', () => {
  const open = createAddressPolicy({ refusePrivate: false })
  const strict = createAddressPolicy({ refusePrivate: true })

  it('always refuses link-local and metadata addresses', () => {
    expect(open.checkHostname('169.254.169.254')).toBe('link_local')
    expect(open.checkHostname('[fd00:ec2::254]')).toBe('link_local')
    expect(open.checkHostname('metadata.google.internal')).toBe('metadata')
    expect(open.checkAddress('::ffff:169.254.169.254')).toBe('link_local')
  })

  it('lets private and loopback addresses through unless asked to refuse them', () => {
    expect(open.checkHostname('127.0.0.1')).toBeNull()
    expect(open.checkHostname('10.1.2.3')).toBeNull()
    expect(strict.checkHostname('127.0.0.1')).toBe('loopback')
    expect(strict.checkHostname('localhost')).toBe('loopback')
    expect(strict.checkAddress('192.168.1.1')).toBe('private')
    expect(strict.checkAddress('fd12::1')).toBe('private')
  })

  it('lets public addresses and names through', () => {
    expect(strict.checkHostname('api.openai.com')).toBeNull()
    expect(strict.checkAddress('8.8.8.8')).toBeNull()
  })
})
