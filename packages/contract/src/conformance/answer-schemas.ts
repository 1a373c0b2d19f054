// Answers as LangWatch's gateway reads them: stricter than our own client's schemas (revisions as strings).
import * as v from 'valibot'
import { gatewayKeyConfigSchema } from '../schemas/gateway-key-config.js'

const text = v.string()
const optionalId = v.optional(v.nullable(v.string()))

/** 200 of `POST /resolve-key`. */
export const resolveKeyAnswer = v.object({ jwt: text, revision: text, key_id: text, display_prefix: text })

/** 200 of `GET /config/:vk_id`: the document our gateway parses. */
export const configAnswer = gatewayKeyConfigSchema

/** 200 of `GET /changes`. */
export const changesAnswer = v.object({
  current_revision: text,
  changes: v.array(
    v.object({
      kind: text,
      virtual_key_id: optionalId,
      budget_id: optionalId,
      model_provider_id: optionalId,
      project_id: optionalId,
      revision: text,
    }),
  ),
})

/** 200 of `POST /guardrail/check`. */
export const guardrailAnswer = v.object({
  decision: v.picklist(['allow', 'block', 'modify']),
  reason: v.nullable(text),
  modified_content: v.optional(v.nullable(v.unknown())),
  policies_triggered: v.array(text),
})

/** 200 of `POST /spend-commands`. */
export const spendAnswer = v.object({
  accepted: v.number(),
  rejected: v.array(v.object({ index: v.number(), code: text })),
})

/** 200 of `GET /budget-bucket-spend`. */
export const bucketSpendAnswer = v.object({ spent_micro_usd: v.number(), bucket: v.nullable(text) })

/** 200 of `POST /codex/refresh`. */
export const codexRefreshAnswer = v.object({ access_token: text, account_id: v.nullable(text) })

/** 200 of the three realtime-session routes. */
export const realtimeAnswers = {
  reserve: v.object({ session_id: text, status: v.literal('OPEN') }),
  patch: v.object({ session_id: text, updated: v.literal(true) }),
  usage: v.object({ session_id: text, status: v.literal('CLOSED') }),
}

/** 200 of `GET /health`. */
export const healthAnswer = v.looseObject({ status: v.literal('ok') })
