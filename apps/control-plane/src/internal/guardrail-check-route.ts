// POST /api/internal/gateway/guardrail/check: allow, until the control plane manages guardrail evaluators.
import { type GuardrailCheckResponse, guardrailCheckRequestSchema } from '@gw/contract'
import type { Handler } from 'hono'
import { parseJsonBody } from '../http/parse-body.js'
import type { InternalEnv } from './internal-env.js'

const noGuardrails: GuardrailCheckResponse = {
  decision: 'allow',
  reason: 'no guardrails configured',
  policies_triggered: [],
}

/**
 * Builds the guardrail check handler. The reference control plane stores no guardrail
 * definitions yet, so every valid check is allowed; the body is still validated.
 *
 * @example
 * internal.post('/guardrail/check', createGuardrailCheckHandler())
 */
export function createGuardrailCheckHandler(): Handler<InternalEnv> {
  return (c) => {
    parseJsonBody(guardrailCheckRequestSchema, c.get('rawBody'))
    return c.json(noGuardrails)
  }
}
