// POST /api/internal/gateway/spend-commands → {accepted, rejected[]}.
import type { Handler } from 'hono'
import type { ControlPlaneDeps } from '../shared/deps.js'
import { recordSpendCommands } from '../spend/record-spend-commands.js'
import type { InternalEnv } from './internal-env.js'

/**
 * Builds the spend-commands handler: batches up to 4 MiB / 10,000 records (the body cap is set
 * where the routes are mounted), idempotent per gateway request id and command.
 *
 * @example
 * internal.post('/spend-commands', createSpendCommandsHandler(deps))
 */
export function createSpendCommandsHandler(deps: ControlPlaneDeps): Handler<InternalEnv> {
  return async (c) => c.json(await recordSpendCommands(deps.db, c.get('rawBody'), deps.now()))
}
