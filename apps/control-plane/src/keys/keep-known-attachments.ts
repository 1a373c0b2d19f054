// Guardrail attachments reduced to the guardrails a key config actually defines.
import type { GuardrailAttachment, GuardrailConfig } from '@gw/contract'

/**
 * Drops attachment ids that name no entry of `guardrails` (and attachments left empty), as
 * LangWatch's control plane does: a gateway must never be asked to run a guardrail it has no
 * definition for.
 *
 * @example
 * keepKnownAttachments([{ direction: 'request', guardrail_ids: ['g1', 'gone'] }], [g1])
 * // → [{ direction: 'request', guardrail_ids: ['g1'] }]
 */
export function keepKnownAttachments(
  attachments: readonly GuardrailAttachment[],
  guardrails: readonly GuardrailConfig[],
): GuardrailAttachment[] {
  if (attachments.length === 0) return []
  const known = new Set(guardrails.map((guardrail) => guardrail.id))
  const kept: GuardrailAttachment[] = []
  for (const attachment of attachments) {
    const ids = attachment.guardrail_ids.filter((id) => known.has(id))
    if (ids.length > 0) kept.push({ ...attachment, guardrail_ids: ids })
  }
  return kept
}
