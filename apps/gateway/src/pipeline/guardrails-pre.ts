// Step "guardrails pre": the key's request guardrails over the prompt text; a modification goes upstream.
import type { CachedKey } from '@gw/auth-cache'
import {
  type CompiledGuardrail,
  findTextSlots,
  governanceOf,
  outcomeError,
  requestTextFields,
  runGuardrails,
  writeTextSlots,
} from '@gw/guardrails'
import type { Logger } from 'pino'
import type { GovernanceOptions } from '../governance/governance-options.js'
import type { RequestBody } from './request-state.js'

/**
 * Runs the `pre` guardrails (local evaluators in process, the others through `/guardrail/check`)
 * over the request's message, system and instruction texts. Throws 403 `guardrail_blocked` or
 * 503 `guardrail_upstream_unavailable`; on `modify`, rewrites those texts in the parsed body and
 * re-serialises it once, so the provider sees the redacted prompt. Returns the ids of the
 * guardrails that modified it (for `X-LangWatch-Guardrails-Modified`), or undefined.
 *
 * @example
 * const pre = runPreGuardrails(governance, state.key, state.body, state.context)
 * const modifiedBy = pre === undefined ? undefined : await pre
 */
export function runPreGuardrails(
  options: GovernanceOptions,
  key: CachedKey,
  body: RequestBody,
  // The request context, not its logger: the child logger is built only if a guardrail runs.
  log: { readonly logger: Logger },
): Promise<readonly string[] | undefined> | undefined {
  const list = governanceOf(key.config)?.guardrails?.pre
  // No pre guardrails: undefined synchronously, so the route awaits nothing.
  if (list === undefined) return undefined
  return checkRequest(options, key, body, list, log.logger)
}

async function checkRequest(
  options: GovernanceOptions,
  key: CachedKey,
  body: RequestBody,
  list: readonly CompiledGuardrail[],
  logger: Logger,
): Promise<readonly string[] | undefined> {
  const slots = findTextSlots(body.parsed, requestTextFields)
  let totalChars = 0
  for (const text of slots.texts) totalChars += text.length
  const outcome = await runGuardrails(
    list,
    { stage: 'pre', texts: slots.texts, totalChars, final: true },
    { timeoutMs: options.timeouts.preMs, remote: options.remoteFor(key.claims.vk_id, key.config.project_id) },
  )
  options.record('pre', outcome, logger)
  const error = outcomeError('pre', outcome)
  if (error !== undefined) throw error
  if (outcome.decision !== 'modify') return undefined
  writeTextSlots(slots, outcome.texts)
  body.raw = Buffer.from(JSON.stringify(body.parsed))
  return outcome.modifiedBy
}
