// The PII and secret detectors: a pattern finds candidates, a validator keeps the real ones.
import { isValidPhoneNumber } from 'libphonenumber-js'
import { passesIbanChecksum, passesLuhn } from './luhn.js'

/** The kinds of personal data and secrets the `pii` evaluator finds. */
export const piiTypes = ['email', 'phone', 'credit_card', 'iban', 'us_ssn', 'ip_address', 'secret'] as const
export type PiiType = (typeof piiTypes)[number]

/** One detector: a global pattern for candidates, an optional validator, a cheap prefilter. */
export interface PiiDetector {
  type: PiiType
  /** Placeholder that replaces a match, e.g. `[EMAIL]`. */
  placeholder: string
  pattern: RegExp
  /** Skips the pattern on text where this returns false (no `@` → no e-mail; too few digits → no card). */
  mayContain: (text: string, digits: number) => boolean
  isValid?: (match: string) => boolean
}

const atLeast = (count: number) => (_text: string, digits: number) => digits >= count

function isValidIpv4(match: string): boolean {
  return match.split('.').every((part) => Number(part) <= 255 && (part.length === 1 || part[0] !== '0'))
}

function isValidPhone(match: string): boolean {
  const digits = match.replace(/\D/g, '')
  if (digits.length < 8 || digits.length > 15) return false
  // International numbers validate as written; national ones are tried as US numbers.
  return match.trim().startsWith('+') ? isValidPhoneNumber(match) : isValidPhoneNumber(match, 'US')
}

/** Detectors in the order they run: secrets and cards before phones so a key is not a "phone". */
export const piiDetectors: readonly PiiDetector[] = [
  {
    type: 'secret',
    placeholder: '[SECRET]',
    pattern:
      /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z]+ )?PRIVATE KEY-----|\b(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|xox[abposr]-[A-Za-z0-9-]{10,})/g,
    mayContain: (text) =>
      text.includes('sk-') ||
      text.includes('AKIA') ||
      /gh[pousr]_/.test(text) ||
      text.includes('xox') ||
      text.includes('PRIVATE KEY'),
  },
  {
    type: 'email',
    placeholder: '[EMAIL]',
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
    mayContain: (text) => text.includes('@'),
  },
  {
    type: 'iban',
    placeholder: '[IBAN]',
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
    mayContain: atLeast(4),
    isValid: (match) => passesIbanChecksum(match.replace(/ /g, '')),
  },
  {
    type: 'credit_card',
    placeholder: '[CREDIT_CARD]',
    pattern: /\b\d(?:[ -]?\d){12,18}\b/g,
    mayContain: atLeast(13),
    isValid: (match) => passesLuhn(match.replace(/\D/g, '')),
  },
  {
    type: 'us_ssn',
    placeholder: '[US_SSN]',
    pattern: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g,
    mayContain: (text, digits) => digits >= 9 && text.includes('-'),
  },
  {
    type: 'ip_address',
    placeholder: '[IP_ADDRESS]',
    pattern: /\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b/g,
    // IPv4 needs four digits and a dot between digits; IPv6 (full form) seven colons.
    mayContain: (text, digits) =>
      (digits >= 4 && /\d\.\d/.test(text)) ||
      (text.split(':', 8).length === 8 && /[0-9a-fA-F]:[0-9a-fA-F]/.test(text)),
    isValid: (match) => match.includes(':') || isValidIpv4(match),
  },
  {
    type: 'phone',
    placeholder: '[PHONE]',
    pattern: /(?<![\w+])\+?\(?\d[\d ().-]{6,18}\d\b/g,
    mayContain: atLeast(8),
    isValid: isValidPhone,
  },
]
