// Decides whether the client's bytes go upstream as they are, or with `model`/`stream_options` spliced in.
import { type ClientApi, clientApis } from '../spec/client-api.js'
import type { ProviderAdapter } from '../spec/provider-adapter.js'
import {
  applyTopLevelEdits,
  type FieldEdit,
  spliceTopLevel,
  spliceTopLevelParts,
  type TopLevelScan,
  type ValueRange,
} from '../utils/json-splice.js'
import type { ScannedLayout, ScannedRequest } from '../validate/scan-request.js'
import type { UpstreamBody } from './upstream-body.js'

/**
 * From this size on, an edited body goes upstream in pieces instead of copied whole. Measured
 * against the copy (two gateways taking turns, 200 KB chat streams): 0.89–0.94× the CPU per
 * request at 200 KB, 1.01× at 120 KB, 1.09× at 50 KB, where the extra write costs more than
 * the copy and its collection.
 */
export const SPLIT_BODY_MIN_BYTES = 128 * 1024
/** Pieces of a split body shorter than this are copied together rather than sent as views. */
const MIN_VIEW_BYTES = 16 * 1024

/** The upstream body and whether the usage-only chunk must be hidden from the client. */
export interface PreparedBody {
  body: UpstreamBody | undefined
  stripUsageChunk: boolean
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Returns the client's bytes untouched unless a field must change: `model` when the resolved
 * model differs (alias, `provider/model`, Azure deployment), and on OpenAI chat streams
 * `stream_options.include_usage: true` when the client did not ask for it (the gateway then
 * hides the final usage chunk). Changes are spliced into the raw bytes, so unknown fields,
 * number formats and `cache_control` blocks stay byte-identical. The scan's layout says where
 * the edited fields sit, so a 200 KB body is not walked a second time; from
 * {@link SPLIT_BODY_MIN_BYTES} on it is not copied either (see {@link UpstreamBody}).
 *
 * @example
 * prepareBody('openai-chat', raw, scanRequest('openai-chat', raw)!, adapter, 'gpt-4o', () => JSON.parse(raw.toString()))
 * // → { body: <{"model":"gpt-4o"}>, stripUsageChunk: false }
 */
export function prepareBody(
  api: ClientApi,
  raw: Buffer | undefined,
  scanned: ScannedRequest,
  adapter: ProviderAdapter,
  model: string,
  parse: () => Record<string, unknown>,
): PreparedBody {
  if (raw === undefined || clientApis[api].method === 'GET')
    return { body: undefined, stripUsageChunk: false }
  let edits: FieldEdit[] | undefined
  const bodyModel = adapter.bodyModel(api, model)
  if (bodyModel !== undefined && scanned.model !== bodyModel) {
    edits = [{ key: 'model', json: JSON.stringify(bodyModel) }]
  }
  let stripUsageChunk = false
  if (api === 'openai-chat' && scanned.stream && adapter.injectsStreamUsage) {
    const options = scanned.streamOptions
    if (!isObject(options) || options.include_usage !== true) {
      stripUsageChunk = true
      const json = JSON.stringify({ ...(isObject(options) ? options : {}), include_usage: true })
      edits ??= []
      edits.push({ key: 'stream_options', json })
    }
  }
  if (edits === undefined) return { body: raw, stripUsageChunk }
  const layout = layoutScan(raw, scanned.layout, edits)
  if (layout === undefined)
    return { body: spliceTopLevel(raw, edits) ?? reserialise(parse(), edits), stripUsageChunk }
  const body =
    raw.length >= SPLIT_BODY_MIN_BYTES
      ? spliceTopLevelParts(raw, layout, edits, MIN_VIEW_BYTES)
      : applyTopLevelEdits(raw, layout, edits)
  return { body, stripUsageChunk }
}

function range(start: number, end: number): ValueRange | undefined {
  return start === -1 ? undefined : { start, end }
}

const layoutKeys = new Set(['model', 'stream_options'])

// The scan's layout as the splice reads it, when it was taken from `raw` itself and knows every
// edited key; otherwise undefined and the splice scans.
function layoutScan(
  raw: Buffer,
  layout: ScannedLayout | undefined,
  edits: readonly FieldEdit[],
): TopLevelScan | undefined {
  if (layout === undefined || layout.source !== raw || raw[layout.closeBrace] !== 125) return undefined
  if (!edits.every((edit) => layoutKeys.has(edit.key))) return undefined
  const values = new Map<string, ValueRange>()
  const model = range(layout.modelStart, layout.modelEnd)
  if (model !== undefined) values.set('model', model)
  const streamOptions = range(layout.streamOptionsStart, layout.streamOptionsEnd)
  if (streamOptions !== undefined) values.set('stream_options', streamOptions)
  return { values, closeBrace: layout.closeBrace, empty: layout.empty }
}

/** Fallback when the raw bytes could not be scanned: re-serialise the parsed object. */
function reserialise(parsed: Record<string, unknown>, edits: readonly FieldEdit[]): Buffer {
  const copy: Record<string, unknown> = { ...parsed }
  for (const edit of edits) copy[edit.key] = JSON.parse(edit.json)
  return Buffer.from(JSON.stringify(copy))
}
