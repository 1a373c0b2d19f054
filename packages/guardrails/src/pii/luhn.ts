// Checksums that tell card numbers and IBANs from arbitrary digit runs.

/**
 * True when the digits pass the Luhn check (payment card numbers).
 *
 * @example
 * passesLuhn('4111111111111111') // → true
 */
export function passesLuhn(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48
    if (double) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
    double = !double
  }
  return sum % 10 === 0
}

/**
 * True when an IBAN (spaces removed, upper case) passes its ISO 13616 mod-97 check.
 *
 * @example
 * passesIbanChecksum('GB82WEST12345698765432') // → true
 */
export function passesIbanChecksum(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  let remainder = 0
  for (const char of rearranged) {
    const code = char.charCodeAt(0)
    const value = code >= 65 ? String(code - 55) : char
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97
  }
  return remainder === 1
}
