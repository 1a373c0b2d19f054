// OpenAI Responses response body → canonical response.
import type { CanonicalResponse } from '../../canonical/types.js'
import { optionalNumber } from '../json.js'
import { decodeOutputItems } from './output-items.js'
import { decodeResponsesStatus } from './status.js'
import { decodeResponsesUsage } from './usage.js'

/**
 * Reads a Responses object.
 *
 * @example
 * decodeResponsesResponse(response).finishReason // 'tool_calls' when it holds a function call
 */
export function decodeResponsesResponse(body: Record<string, unknown>): CanonicalResponse {
  const content = decodeOutputItems(body.output)
  const calledTools = content.some((part) => part.type === 'tool_call')
  const response: CanonicalResponse = {
    id: String(body.id ?? ''),
    model: String(body.model ?? ''),
    content,
    finishReason: decodeResponsesStatus(body.status, body.incomplete_details, calledTools),
    usage: decodeResponsesUsage(body.usage),
  }
  const created = optionalNumber(body.created_at)
  if (created !== undefined) response.created = created
  return response
}
