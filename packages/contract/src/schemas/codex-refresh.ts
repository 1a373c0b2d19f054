// POST /codex/refresh: re-mint a provider's Codex (ChatGPT OAuth) access token after an upstream 401.
import * as v from 'valibot'

/** Body: the provider credential whose OAuth session to refresh. */
export const codexRefreshRequestSchema = v.object({
  provider_row_id: v.pipe(v.string(), v.minLength(1)),
})
export type CodexRefreshRequest = v.InferOutput<typeof codexRefreshRequestSchema>

/** A 200 answer; a dead session is 401 `codex_session_expired`. */
export const codexRefreshResponseSchema = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  account_id: v.nullable(v.string()),
})
export type CodexRefreshResponse = v.InferOutput<typeof codexRefreshResponseSchema>
