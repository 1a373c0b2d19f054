// POST /api/internal/gateway/guardrail/check: runs the named guardrails of the key's organisation over the content.
import {
  GatewayError,
  type GuardrailCheckResponse,
  type GuardrailConfig,
  guardrailCheckRequestSchema,
  isGatewayError,
} from '@gw/contract'
import { compileGuardrails, type GuardrailStage, runGuardrails } from '@gw/guardrails'
import type { Handler } from 'hono'
import { readCheckContent } from '../guardrails/check-content.js'
import { getGuardrail } from '../guardrails/guardrail-store.js'
import { parseJsonBody } from '../http/parse-body.js'
import { getVirtualKeyRecord } from '../keys/virtual-key-store.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import type { InternalEnv } from './internal-env.js'

const stageOf = { request: 'pre', response: 'post', stream_chunk: 'stream_chunk' } as const

const nothingToCheck: GuardrailCheckResponse = {
  decision: 'allow',
  reason: 'no guardrails named',
  policies_triggered: [],
}

/** How long a webhook evaluator may take here; the gateway's own deadline is usually shorter. */
const webhookTimeoutMs = 5_000

async function loadConfigs(deps: ControlPlaneDeps, organizationId: string, ids: readonly string[]) {
  const configs: GuardrailConfig[] = []
  for (const id of new Set(ids)) {
    const guardrail = await getGuardrail(deps.db, id).catch((error: unknown) => {
      if (isGatewayError(error) && error.code === 'not_found') return undefined
      throw error
    })
    if (guardrail === undefined || guardrail.organization_id !== organizationId)
      throw new GatewayError('bad_request', `Guardrail "${id}" does not exist for this key`, { meta: { id } })
    configs.push({
      id,
      evaluator: guardrail.evaluator,
      direction: 'pre',
      failure_mode: guardrail.failure_mode,
      settings: guardrail.settings,
    })
  }
  return configs
}

/**
 * Builds the guardrail check handler: loads the named guardrails (of the key's organisation),
 * runs them with `@gw/guardrails` (local evaluators in order, webhooks in parallel, any block
 * blocks) and answers the verdict. A `fail_closed` guardrail that cannot run answers 503
 * `guardrail_upstream_unavailable`, so the gateway applies that guardrail's failure mode.
 *
 * @example
 * internal.post('/guardrail/check', createGuardrailCheckHandler(deps))
 */
export function createGuardrailCheckHandler(deps: ControlPlaneDeps): Handler<InternalEnv> {
  return async (c) => {
    const check = parseJsonBody(guardrailCheckRequestSchema, c.get('rawBody'))
    if (check.guardrail_ids.length === 0) return c.json(nothingToCheck)
    const key = await getVirtualKeyRecord(deps.db, check.vk_id)
    const stage: GuardrailStage = stageOf[check.direction]
    const configs = await loadConfigs(deps, key.organization_id, check.guardrail_ids)
    const list =
      compileGuardrails(configs, [{ direction: stage, guardrail_ids: check.guardrail_ids }])?.[stage] ?? []
    const content = readCheckContent(check.content)
    const totalChars = content.texts.reduce((sum, text) => sum + text.length, 0)
    const outcome = await runGuardrails(
      list,
      { stage, texts: content.texts, totalChars, final: stage !== 'stream_chunk' },
      { timeoutMs: webhookTimeoutMs },
    )
    if (outcome.unavailable !== undefined)
      throw new GatewayError(
        'guardrail_upstream_unavailable',
        `Guardrail ${outcome.unavailable.id} failed: ${outcome.unavailable.reason}`,
        {
          meta: { guardrail_id: outcome.unavailable.id },
        },
      )
    const answer: GuardrailCheckResponse =
      outcome.blocked !== undefined
        ? { decision: 'block', reason: outcome.blocked.reason, policies_triggered: [outcome.blocked.id] }
        : outcome.decision === 'modify'
          ? {
              decision: 'modify',
              reason: `modified by ${outcome.modifiedBy.join(', ')}`,
              modified_content: content.rebuild(outcome.texts),
              policies_triggered: outcome.modifiedBy,
            }
          : { decision: 'allow', reason: '', policies_triggered: [] }
    return c.json(answer)
  }
}
