// What the governance steps share: timeouts, stream window, and the control plane's /guardrail/check.
import type { ControlPlaneClient, GuardrailCheckResponse } from '@gw/contract'
import type { GuardrailOutcome, GuardrailStage, RemoteGuardrailCheck, Verdict } from '@gw/guardrails'
import { wireDirectionOf } from '@gw/guardrails'
import type { Logger } from 'pino'

/** Options of the policy, cache and guardrail steps (from `GATEWAY_GUARDRAILS_*`). */
export interface GovernanceOptions {
  timeouts: { preMs: number; postMs: number; chunkMs: number }
  stream: { windowChars: number; remoteEvery: number }
  /** Builds the remote check for one key (its id and project travel in the request). */
  remoteFor(vkId: string, projectId: string | null): RemoteGuardrailCheck
  /** Counts an outcome in `gateway_guardrail_verdicts_total` and logs guardrails that failed open. */
  record(stage: GuardrailStage, outcome: GuardrailOutcome, logger: Logger): void
}

/** Where outcomes are counted: `gateway_guardrail_verdicts_total{direction,verdict}`. */
export type VerdictCounter = (labels: { direction: string; verdict: string }) => void

function toVerdict(answer: GuardrailCheckResponse): Verdict {
  if (answer.decision !== 'modify') return { decision: answer.decision, reason: answer.reason }
  const modified = answer.modified_content
  if (typeof modified === 'string') return { decision: 'modify', reason: answer.reason, texts: [modified] }
  if (Array.isArray(modified) && modified.every((item) => typeof item === 'string'))
    return { decision: 'modify', reason: answer.reason, texts: modified as string[] }
  throw new Error('the control plane answered modify without text segments')
}

/**
 * Builds the governance options over a control-plane client. The remote check sends the text
 * segments (`content`: an array of strings on requests, one string otherwise) and expects
 * `modified_content` in the same form.
 *
 * @example
 * const governance = createGovernanceOptions(client, config.guardrails, (labels) => metrics.guardrailVerdicts.inc(labels))
 */
export function createGovernanceOptions(
  client: Pick<ControlPlaneClient, 'checkGuardrail'>,
  config: {
    preTimeoutMs: number
    postTimeoutMs: number
    chunkTimeoutMs: number
    streamWindowChars: number
    streamRemoteEvery: number
  },
  countVerdict: VerdictCounter = () => {},
): GovernanceOptions {
  return {
    record(stage, outcome, logger) {
      const direction = wireDirectionOf[stage]
      const verdict = outcome.unavailable !== undefined ? 'unavailable' : outcome.decision
      countVerdict({ direction, verdict })
      if (outcome.failedOpen.length === 0) return
      countVerdict({ direction, verdict: 'failed_open' })
      logger.warn({ direction, guardrail_ids: outcome.failedOpen }, 'guardrail_failed_open')
    },
    timeouts: { preMs: config.preTimeoutMs, postMs: config.postTimeoutMs, chunkMs: config.chunkTimeoutMs },
    stream: { windowChars: config.streamWindowChars, remoteEvery: config.streamRemoteEvery },
    remoteFor: (vkId, projectId) => async (request) =>
      toVerdict(
        await client.checkGuardrail({
          vk_id: vkId,
          project_id: projectId,
          direction: wireDirectionOf[request.stage],
          guardrail_ids: [...request.guardrailIds],
          content: request.stage === 'pre' ? [...request.texts] : request.texts.join(''),
        }),
      ),
  }
}
