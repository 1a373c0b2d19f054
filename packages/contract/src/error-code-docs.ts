// When each stable error code is used: the source of the error-code table in this package's README.
import { type ErrorCode, errorCodes } from './errors.js'

/**
 * One line per error code saying when a client sees it. Typed against {@link errorCodes}, so a
 * new code does not compile until it is documented here.
 */
export const errorCodeDescriptions = {
  bad_request: 'The request is malformed or misses a required field; the message names the field.',
  invalid_json: "The body is not valid JSON (or is empty); the message carries the parser's complaint.",
  missing_parameter:
    "Internal API: `/budget-bucket-spend` without `budget_id` or `end_user_id` (LangWatch's code).",
  model_not_allowed: "The model is outside the key's `models_allowed`.",
  no_provider_configured:
    "The model resolves only to providers outside the key's `providers_allowed`, or to a misconfigured credential.",
  unsupported_parameter: 'A parameter the target provider cannot honour in translation.',
  missing_required_parameter:
    "A field the client's wire requires is absent (e.g. `max_tokens` on Messages), whatever the provider; `meta.param` names it.",
  invalid_type: "A field has the wrong JSON type for the client's wire; `meta.param` names it.",
  invalid_api_key: 'No key, a malformed key or an unknown key (one answer for all three).',
  unauthorized: 'An admin or internal call without valid credentials (token or HMAC signature).',
  end_user_required:
    "A per-end-user budget applies to the key and the request names no end user: send `X-LangWatch-End-User-Id` (or the body's `user`), 1–256 characters.",
  budget_exceeded: 'A budget that blocks on breach has no room for this request.',
  virtual_key_revoked: 'The key was revoked.',
  virtual_key_disabled: 'The key is disabled.',
  virtual_key_expired: 'The key is past its `expires_at`.',
  guardrail_blocked: 'A guardrail blocked the request or the response.',
  policy_violation:
    "A tool, MCP server, URL or model matched the key's deny rules (or missed its allowlist).",
  forbidden: 'The caller may not do this.',
  not_found: 'No such route or resource.',
  virtual_key_not_found: 'The control plane does not know the key (internal API).',
  budget_not_found:
    'Internal API: `/budget-bucket-spend` names no per-end-user budget of this control plane.',

  model_not_found:
    'No provider of the key serves the model (unknown name, or a family with no provider configured), as providers answer an unknown model.',
  method_not_allowed: 'The route exists but not with this method; `Allow` lists the methods.',
  conflict: 'The resource exists already or changed meanwhile (admin API).',
  payload_too_large:
    'The body is over `SERVER_MAX_REQUEST_BODY_BYTES`, counted after decompression (control plane: over 4 MiB, or a spend batch over 10,000 records).',
  unsupported_media_type: 'A `Content-Encoding` the gateway cannot decode.',
  request_timeout: 'The client sent its request too slowly.',
  rate_limited: 'A rate limit (RPM, RPD, TPM) or a provider 429; `Retry-After` says when to retry.',
  auth_lookup_rate_limited:
    'A key this gateway has not cached could not be checked: control-plane lookups of uncached keys are rationed (`LW_GATEWAY_AUTH_LOOKUP_RATE`, `…_PER_CLIENT`); retry after `Retry-After`.',
  internal_error: 'A bug: the gateway could not complete the request; the request id helps find it.',
  not_implemented: 'The route or feature exists in the contract but is not built.',
  provider_error: 'Every provider candidate failed (or the last failure passed through).',
  circuit_open: "Every candidate's circuit breaker is open; retry after the cooldown.",
  auth_upstream_unavailable:
    'The control plane could not be reached to check the key and no cached entry could serve.',
  guardrail_upstream_unavailable:
    'A `fail_closed` guardrail could not run (timeout, webhook or control-plane error); `meta.guardrail_id` names it.',
  policy_invalid:
    "The key's policy rules hold a pattern that does not compile: the key fails closed until it is fixed.",
  draining: 'The gateway is shutting down; retry on another replica.',
  overloaded:
    'The gateway is at a capacity limit (requests in flight, or request bodies being decompressed); retry after `Retry-After`.',
  service_unavailable: 'A dependency is unavailable; retry later.',
  provider_timeout: 'The provider did not answer in time.',
} as const satisfies Record<ErrorCode, string>

/**
 * The error-code table as Markdown: code, HTTP status, OpenAI-style type, when it is used.
 *
 * @example
 * renderErrorCodeTable().split('\n')[0] // '| code | status | type | when |'
 */
export function renderErrorCodeTable(): string {
  const rows = (Object.keys(errorCodes) as ErrorCode[]).map((code) => {
    const { status, type } = errorCodes[code]
    return `| \`${code}\` | ${status} | \`${type}\` | ${errorCodeDescriptions[code]} |`
  })
  return ['| code | status | type | when |', '|---|---|---|---|', ...rows].join('\n')
}
