import { describe, expect, it } from 'vitest'
import { passesIbanChecksum, passesLuhn } from './luhn.js'
import { piiTypes } from './pii-detectors.js'
import { redactPii } from './redact-pii.js'

const all = new Set(piiTypes)

describe('redactPii', () => {
  it.each([
    ['email', 'write to jane.doe+x@example.co.uk today', 'write to [EMAIL] today'],
    ['phone', 'call +44 20 7946 0958 now', 'call [PHONE] now'],
    ['US phone', 'call (415) 555-2671 now', 'call [PHONE] now'],
    ['credit card', 'card 4111 1111 1111 1111 ok', 'card [CREDIT_CARD] ok'],
    ['IBAN', 'iban GB82 WEST 1234 5698 7654 32 ok', 'iban [IBAN] ok'],
    ['US SSN', 'ssn 123-45-6789 ok', 'ssn [US_SSN] ok'],
    ['IPv4', 'host 192.168.10.4 ok', 'host [IP_ADDRESS] ok'],
    ['OpenAI key', 'key sk-proj-abcdefghijklmnopqrstuvwx ok', 'key [SECRET] ok'],
    ['AWS key', 'aws AKIAIOSFODNN7EXAMPLE ok', 'aws [SECRET] ok'],
    ['GitHub token', `gh ghp_${'a'.repeat(36)} ok`, 'gh [SECRET] ok'],
    ['Slack token', 'slack xoxb-1234567890-abcdef ok', 'slack [SECRET] ok'],
    [
      'PEM key',
      'pem -----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY----- ok',
      'pem [SECRET] ok',
    ],
  ])('redacts a %s with its typed placeholder', (_kind, input, expected) => {
    expect(redactPii(input, all).text).toBe(expected)
  })

  it('leaves look-alikes that fail their checksum or range', () => {
    const text = 'order 4111 1111 1111 1112, version 1.2.3.4567, ip 999.1.1.1, count 12345'
    expect(redactPii(text, all)).toEqual({ text, found: [] })
  })

  it('only looks for the types asked for', () => {
    expect(redactPii('a@b.io 123-45-6789', new Set(['us_ssn'] as const))).toEqual({
      text: 'a@b.io [US_SSN]',
      found: ['us_ssn'],
    })
  })
})

describe('checksums', () => {
  it('validates Luhn and IBAN mod-97', () => {
    expect(passesLuhn('79927398713')).toBe(true)
    expect(passesLuhn('79927398710')).toBe(false)
    expect(passesIbanChecksum('DE89370400440532013000')).toBe(true)
    expect(passesIbanChecksum('DE89370400440532013001')).toBe(false)
  })
})
