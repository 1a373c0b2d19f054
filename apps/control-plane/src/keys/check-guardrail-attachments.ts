// Admin check: a key policy may attach only guardrails the control plane defines.
import { GatewayError } from '@gw/contract'
import type { KeyPolicyInput } from './key-policy.js'

/**
 * Guardrail ids defined for keys. The control plane stores no guardrail definitions yet
 * (`/config` sends `guardrails: []`), so no attachment can name a known one.
 */
export const definedGuardrailIds: ReadonlySet<string> = new Set()

/**
 * Throws 400 `bad_request` naming the first attachment id absent from `known`, so a key is
 * never saved with an attachment that `/config` would have to drop.
 *
 * @example
 * checkGuardrailAttachments(input.config, definedGuardrailIds)
 */
export function checkGuardrailAttachments(
  input: KeyPolicyInput | undefined,
  known: ReadonlySet<string>,
): void {
  for (const [index, attachment] of (input?.guardrail_attachments ?? []).entries()) {
    const position = attachment.guardrail_ids.findIndex((id) => !known.has(id))
    if (position === -1) continue
    const field = `config.guardrail_attachments.${index}.guardrail_ids.${position}`
    throw new GatewayError(
      'bad_request',
      `Invalid field "${field}": guardrail "${attachment.guardrail_ids[position]}" is not defined; attach only defined guardrails`,
      { meta: { field } },
    )
  }
}
