// What the gateway learnt about one request, handed to the span recorder once the request ends.

/** Token counts as the provider reported them. */
export interface TraceUsage {
  inputTokens?: number
  outputTokens?: number
  cacheReadInputTokens?: number
  cacheCreationInputTokens?: number
  reasoningTokens?: number
}

/** One upstream call or skipped candidate, in order. */
export interface TraceAttempt {
  providerId: string
  model: string
  /** Upstream HTTP status; 0 when none arrived or the candidate was skipped. */
  status: number
  /** `ok` answered the client; `error` failed and moved on; `skipped` was never called. */
  outcome: 'ok' | 'error' | 'skipped'
  /** Stable code or reason of a failure (`circuit_open`, `provider_timeout`…). */
  error?: string
}

/** A guardrail verdict that applied to the request. */
export interface TraceGuardrailDecision {
  direction: 'request' | 'response' | 'stream_chunk'
  decision: 'allow' | 'block' | 'modify'
  guardrailId?: string
}

/** The budget check's outcome. */
export interface TraceBudgetDecision {
  decision: 'allow' | 'warn' | 'block'
  budgetId?: string
  scope?: string
}

/** The routing decision (keys with a routing mode, policy or exclusion). */
export interface TraceRoutingDecision {
  /** `none`, `fallback_all`, `weighted`, `least_latency`, `least_busy` or `sticky`. */
  strategy: string
  /** The credential routing put first. */
  providerId?: string
  policyId?: string
}

/** Who sent the request (from the virtual key's bundle; ids only, never the key). */
export interface TraceKeyFacts {
  virtualKeyId: string
  projectId: string
  teamId?: string
  orgId?: string
  principalId?: string
}

/**
 * Content and labels for the customer span only. The pipeline fills `inputMessages` and
 * `outputMessages` only when the project allows content capture and no guardrail redacted them.
 */
export interface TraceCustomerFacts {
  /** The project's OTLP token: selects the tenant's export. */
  projectOtlpToken: string
  labels?: readonly string[]
  endUserId?: string
  /** JSON text of the request's messages (content capture on). */
  inputMessages?: string
  /** JSON text of the answer (content capture on). */
  outputMessages?: string
}

/** Every fact a request's spans carry. Times are epoch milliseconds. */
export interface RequestTraceFacts {
  /** Matched route pattern, e.g. `/v1/chat/completions`. */
  route: string
  /** gen_ai operation: `chat`, `embeddings`, `text_completion`… */
  operation: string
  requestId: string
  startTimeMs: number
  endTimeMs: number
  /** HTTP status answered to the client. */
  status: number
  /** The caller's W3C `traceparent` / `tracestate` headers, when sent. */
  traceparent?: string
  tracestate?: string
  key?: TraceKeyFacts
  /** The model as the client named it (alias or `provider/model`). */
  requestedModel?: string
  /** The model sent upstream, and the gen_ai provider name of the provider that answered. */
  requestModel?: string
  system?: string
  providerId?: string
  responseModel?: string
  maxTokens?: number
  temperature?: number
  stream?: boolean
  finishReasons?: readonly string[]
  usage?: TraceUsage
  costMicroUsd?: number
  attempts?: readonly TraceAttempt[]
  /** Epoch ms of the first streamed byte (time to first token). */
  firstTokenTimeMs?: number
  /** The client left before the stream ended. */
  aborted?: boolean
  guardrails?: readonly TraceGuardrailDecision[]
  budget?: TraceBudgetDecision
  routing?: TraceRoutingDecision
  /** Stable error code from @gw/contract when the request failed. */
  errorCode?: string
  customer?: TraceCustomerFacts
}
