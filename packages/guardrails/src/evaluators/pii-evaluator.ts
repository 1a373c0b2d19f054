// The `pii` evaluator: finds personal data and secrets, redacts them (default) or blocks.
import * as v from 'valibot'
import { type PiiType, piiTypes } from '../pii/pii-detectors.js'
import { redactPii } from '../pii/redact-pii.js'
import { allowVerdict, type GuardrailEvaluator, type Verdict } from './evaluator-types.js'

/** Settings of the `pii` evaluator. */
export const piiSettingsSchema = v.object({
  /** Types to look for; default all. */
  types: v.optional(v.array(v.picklist(piiTypes)), () => [...piiTypes]),
  /** `modify` (default) redacts with typed placeholders; `block` refuses the content. */
  action: v.optional(v.picklist(['modify', 'block']), 'modify'),
})
export type PiiSettings = v.InferOutput<typeof piiSettingsSchema>

/**
 * Builds a `pii` evaluator.
 *
 * @example
 * const evaluator = createPiiEvaluator({ types: ['email', 'phone'], action: 'modify' })
 */
export function createPiiEvaluator(settings: PiiSettings): GuardrailEvaluator {
  const types = new Set<PiiType>(settings.types)
  const { action } = settings
  return {
    kind: 'pii',
    local: true,
    evaluate({ texts }): Verdict {
      let found: Set<PiiType> | undefined
      const out = texts.map((text) => {
        const scan = redactPii(text, types)
        if (scan.found.length === 0) return text
        found ??= new Set()
        for (const type of scan.found) found.add(type)
        return scan.text
      })
      if (found === undefined) return allowVerdict
      const reason = `found ${[...found].join(', ')}`
      return action === 'block' ? { decision: 'block', reason } : { decision: 'modify', reason, texts: out }
    },
  }
}
