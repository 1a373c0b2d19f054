// Parses byte sizes such as "33554432", "32MiB", "10MB" or "512Ki" into a whole number of bytes.
import { notParsed, type ParseResult, parsedWhole } from './field-meta.js'

// Decimal units are powers of 1000 and binary units powers of 1024; there are no bit units,
// so matching case-insensitively is unambiguous. Bare "K"/"M"/"G" are refused on purpose:
// Kubernetes reads them as powers of 1000 and many people as powers of 1024.
const unitBytes: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  ki: 1024,
  kib: 1024,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
}
const sizePattern = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i

/**
 * Parses a size into a whole number of bytes. A bare number must be an integer; with a unit a
 * fraction is allowed when the result is whole (`1.5KiB` = 1536).
 *
 * @example
 * parseBytes('32MiB') // { ok: true, value: 33554432 }
 * parseBytes('10MB') // { ok: true, value: 10000000 }
 * parseBytes('1.5') // { ok: false }
 */
export function parseBytes(raw: string): ParseResult<number> {
  const match = sizePattern.exec(raw.trim())
  if (match === null) return notParsed
  const [, amount = '', unit = ''] = match
  const multiplier = unit === '' ? 1 : unitBytes[unit.toLowerCase()]
  if (multiplier === undefined) return notParsed
  if (unit === '' && amount.includes('.')) return notParsed
  return parsedWhole(Number(amount) * multiplier)
}

/** The expected form of a byte size, for error messages and docs. */
export const bytesExpected = 'a whole number of bytes or a size like 512KiB, 32MiB, 10MB, 1GiB'
