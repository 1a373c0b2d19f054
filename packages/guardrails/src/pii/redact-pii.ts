// Finds and redacts PII in a string with the detectors of the types asked for.
import { countDigits } from './digit-count.js'
import { type PiiType, piiDetectors } from './pii-detectors.js'

/** What {@link redactPii} found and the redacted text. */
export interface PiiScan {
  /** The text with each finding replaced by its typed placeholder (the input when none). */
  text: string
  /** Types found, each once, in detector order. */
  found: PiiType[]
}

/**
 * Scans `text` for the given types and replaces each finding with a typed placeholder
 * (`[EMAIL]`, `[PHONE]`, `[CREDIT_CARD]`, `[IBAN]`, `[US_SSN]`, `[IP_ADDRESS]`, `[SECRET]`).
 *
 * @example
 * redactPii('mail bob@example.com', new Set(['email'])) // → { text: 'mail [EMAIL]', found: ['email'] }
 */
export function redactPii(text: string, types: ReadonlySet<PiiType>): PiiScan {
  const found: PiiType[] = []
  const digits = countDigits(text)
  for (const detector of piiDetectors) {
    if (!types.has(detector.type) || !detector.mayContain(text, digits)) continue
    let hit = false
    const { isValid, placeholder } = detector
    text = text.replace(detector.pattern, (match) => {
      if (isValid !== undefined && !isValid(match)) return match
      hit = true
      return placeholder
    })
    if (hit) found.push(detector.type)
  }
  return { text, found }
}
