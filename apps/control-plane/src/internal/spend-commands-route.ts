// POST /api/internal/gateway/spend-commands → {accepted, rejected[]}.
import { MAX_SPEND_RECORDS } from '@gw/contract'
import type { Handler } from 'hono'
import * as v from 'valibot'
import { parseJsonBody } from '../http/parse-body.js'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { recordSpendCommands } from '../spend/record-spend-commands.js'
import type { InternalEnv } from './internal-env.js'

// Records are validated one by one afterwards, so a bad record is rejected by index, not the batch.
const batchSchema = v.object({
  records: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(MAX_SPEND_RECORDS)),
})

/**
 * Builds the spend-commands handler (idempotent per gateway request id and command).
 *
 * @example
 * internal.post('/spend-commands', createSpendCommandsHandler(deps))
 */
export function createSpendCommandsHandler(deps: ControlPlaneDeps): Handler<InternalEnv> {
  return async (c) => {
    const { records } = parseJsonBody(batchSchema, c.get('rawBody'))
    return c.json(await recordSpendCommands(deps.db, records, deps.now()))
  }
}
