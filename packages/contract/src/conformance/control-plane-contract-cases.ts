// The control-plane contract suite: every internal route, with the bodies LangWatch's gateway sends.
import { MAX_SPEND_RECORDS } from '../schemas/spend-commands.js'
import {
  bucketSpendAnswer,
  changesAnswer,
  codexRefreshAnswer,
  configAnswer,
  guardrailAnswer,
  healthAnswer,
  realtimeAnswers,
  resolveKeyAnswer,
  spendAnswer,
} from './answer-schemas.js'
import type { ContractCase, ContractOutcome } from './contract-case.js'
import { buildBatchWithBadRecords, buildSpoolSegment } from './spend-batches.js'

/** Records in a full spool segment of LangWatch's gateway (its segments seal at ~1 MiB). */
export const SPOOL_SEGMENT_RECORDS = 2_000

const notImplemented: ContractOutcome = { status: 501, error: { code: 'not_implemented' } }
const notFound: ContractOutcome = { status: 404, error: {} }

function spendCounts(accepted: number, rejectedIndexes: readonly number[]) {
  return (body: unknown): string | undefined => {
    const answer = body as { accepted: number; rejected: { index: number }[] }
    const indexes = answer.rejected.map((rejection) => rejection.index)
    if (answer.accepted === accepted && indexes.join() === rejectedIndexes.join()) return undefined
    return `accepted ${answer.accepted} and rejected [${indexes}], expected ${accepted} and [${rejectedIndexes}]`
  }
}

/**
 * The suite, in order. Request bodies are the recorded bytes of `fixtures/reference-gateway/`;
 * where the contract lets a control plane either serve a route or refuse it in the envelope
 * (`not_implemented`, an unknown budget), both are listed as outcomes.
 *
 * @example
 * for (const contractCase of controlPlaneContractCases) await runContractCase(target, contractCase)
 */
export const controlPlaneContractCases: readonly ContractCase[] = [
  {
    name: 'answers the signed health probe',
    method: 'GET',
    path: '/health',
    outcomes: [{ status: 200, body: healthAnswer }],
  },
  {
    name: 'resolves a key from {"key_presented"} alone, the node id only in its header',
    method: 'POST',
    path: '/resolve-key',
    fixture: 'resolve-key.json',
    outcomes: [{ status: 200, body: resolveKeyAnswer }],
  },
  {
    name: 'resolves a key when the body also names gateway_node_id',
    method: 'POST',
    path: '/resolve-key',
    fixture: 'resolve-key.with-node-id.json',
    outcomes: [{ status: 200, body: resolveKeyAnswer }],
  },
  {
    name: 'refuses an unknown key with 401 or 404 in the error envelope',
    method: 'POST',
    path: '/resolve-key',
    fixture: 'resolve-key.unknown-key.json',
    outcomes: [
      { status: 401, error: {} },
      { status: 404, error: {} },
    ],
  },
  {
    name: 'serves the key config with an ETag',
    method: 'GET',
    path: '/config/{{vk_id}}',
    outcomes: [{ status: 200, body: configAnswer, headers: ['etag'] }],
  },
  {
    name: 'serves the config again for a revision-shaped If-None-Match, or 304',
    method: 'GET',
    path: '/config/{{vk_id}}',
    headers: { 'if-none-match': '"1"' },
    outcomes: [
      { status: 200, body: configAnswer, headers: ['etag'] },
      { status: 304, headers: ['etag'] },
    ],
  },
  {
    name: 'long-polls the change feed with organization_id, since and timeout_s in the query',
    method: 'GET',
    path: '/changes?organization_id={{organization_id}}&since=0&timeout_s=10',
    outcomes: [
      { status: 200, body: changesAnswer },
      { status: 204, headers: ['x-langwatch-revision'] },
    ],
  },
  {
    name: 'answers a poll without an organization (no key resolved yet) with 204',
    method: 'GET',
    path: '/changes?organization_id=&since=0&timeout_s=10',
    outcomes: [{ status: 204 }, { status: 204, headers: ['x-langwatch-revision'] }],
  },
  ...(['request', 'response', 'stream-chunk'] as const).map(
    (direction): ContractCase => ({
      name: `checks guardrails in the ${direction} direction with content as the gateway packs it`,
      method: 'POST',
      path: '/guardrail/check',
      fixture: `guardrail-check.${direction}.json`,
      outcomes: [{ status: 200, body: guardrailAnswer }],
    }),
  ),
  {
    name: 'accepts the spend records of a recorded spool segment (admit, confirm, fail) as sent',
    method: 'POST',
    path: '/spend-commands',
    fixture: 'spend-commands.segment.json',
    outcomes: [{ status: 200, body: spendAnswer, verify: spendCounts(4, []) }],
  },
  {
    name: 'accepts the same segment again when the spool retries it (idempotent, nothing rejected)',
    method: 'POST',
    path: '/spend-commands',
    fixture: 'spend-commands.segment.json',
    outcomes: [{ status: 200, body: spendAnswer, verify: spendCounts(4, []) }],
  },
  {
    name: `accepts a full spool segment of ${SPOOL_SEGMENT_RECORDS} records in one batch (our gateway sends ≤ ${MAX_SPEND_RECORDS})`,
    method: 'POST',
    path: '/spend-commands',
    buildBody: (values) => buildSpoolSegment(values, SPOOL_SEGMENT_RECORDS),
    outcomes: [{ status: 200, body: spendAnswer, verify: spendCounts(SPOOL_SEGMENT_RECORDS, []) }],
  },
  {
    name: 'rejects bad records by index and accepts the rest of the batch',
    method: 'POST',
    path: '/spend-commands',
    buildBody: buildBatchWithBadRecords,
    outcomes: [{ status: 200, body: spendAnswer, verify: spendCounts(1, [1, 2, 3]) }],
  },
  {
    name: 'reads a per-end-user budget bucket, or refuses an unknown budget in the envelope',
    method: 'GET',
    path: '/budget-bucket-spend?budget_id=bud_{{run}}&end_user_id=user-42',
    outcomes: [
      { status: 200, body: bucketSpendAnswer },
      { status: 404, error: { code: 'budget_not_found' } },
    ],
  },
  {
    name: 'refuses a bucket query without end_user_id with 400 missing_parameter',
    method: 'GET',
    path: '/budget-bucket-spend?budget_id=bud_{{run}}',
    outcomes: [{ status: 400, error: { code: 'missing_parameter' } }],
  },
  {
    name: 'refreshes a Codex token, or answers in the envelope',
    method: 'POST',
    path: '/codex/refresh',
    fixture: 'codex-refresh.json',
    outcomes: [
      { status: 200, body: codexRefreshAnswer },
      { status: 401, error: { code: 'codex_session_expired' } },
      notFound,
      notImplemented,
    ],
  },
  {
    name: 'books a realtime session, or answers not_implemented',
    method: 'POST',
    path: '/realtime-sessions',
    fixture: 'realtime-sessions.reserve.json',
    outcomes: [{ status: 200, body: realtimeAnswers.reserve }, notImplemented],
  },
  {
    name: 'correlates a realtime session, or answers in the envelope',
    method: 'PATCH',
    path: '/realtime-sessions/rts_{{run}}',
    fixture: 'realtime-sessions.patch.json',
    outcomes: [{ status: 200, body: realtimeAnswers.patch }, notFound, notImplemented],
  },
  {
    name: "reports a realtime session's usage, or answers in the envelope",
    method: 'POST',
    path: '/realtime-sessions/rts_{{run}}/usage',
    fixture: 'realtime-sessions.usage.json',
    outcomes: [{ status: 200, body: realtimeAnswers.usage }, notFound, notImplemented],
  },
]
