// Public API of @gw/contract: wire schemas, error codes, HMAC signing, control-plane client.

export type { AddressPolicy, AddressPolicyOptions, AddressRefusal } from './address-policy.js'
export { createAddressPolicy } from './address-policy.js'
export type { ControlPlaneEndpoint } from './classify-control-plane-failure.js'
export { classifyControlPlaneFailure } from './classify-control-plane-failure.js'
export type {
  ControlPlaneClient,
  ControlPlaneClientOptions,
  GetChangesOptions,
  GetConfigResult,
} from './control-plane-client.js'
export { createControlPlaneClient, REVISION_HEADER } from './control-plane-client.js'
export type { ControlPlaneErrorKind, ControlPlaneErrorOptions } from './control-plane-error.js'
export { ControlPlaneError, isControlPlaneAuthError } from './control-plane-error.js'
export { errorCodeDescriptions, renderErrorCodeTable } from './error-code-docs.js'
export type { AnthropicErrorEnvelope, ErrorCode, ErrorEnvelope, GatewayErrorOptions } from './errors.js'
export {
  anthropicErrorTypeForStatus,
  errorCodes,
  GatewayError,
  isGatewayError,
  toAnthropicErrorEnvelope,
  toErrorEnvelope,
} from './errors.js'
export type {
  ReplayCache,
  SignatureRejection,
  SignedRequest,
  SigningScope,
  SignRequestOptions,
  VerifyRequestOptions,
  VerifyResult,
} from './hmac.js'
export {
  createReplayCache,
  DEFAULT_SIGNATURE_WINDOW_SECONDS,
  NODE_HEADER,
  RESPONSE_SIGNING_METHOD,
  SIGNATURE_HEADER,
  signRequest,
  stringToSign,
  TIMESTAMP_HEADER,
  verifyRequest,
} from './hmac.js'
export { parseJsonObject } from './parse-json-object.js'
export { BOOTSTRAP_NEXT_HEADER, type ReadBootstrapPagesOptions } from './read-bootstrap-pages.js'
export type {
  BootstrapKey,
  BootstrapKeyOwn,
  BootstrapPage,
  BootstrapProject,
  BootstrapTemplate,
  BootstrapTemplates,
} from './schemas/bootstrap.js'
export {
  bootstrapKeyConfigSchema,
  bootstrapKeyOwnSchema,
  bootstrapPageSchema,
  bootstrapTemplateSchema,
  KEY_OWN_FIELDS,
  MAX_BOOTSTRAP_PAGE_SIZE,
  parseBootstrapPage,
} from './schemas/bootstrap.js'
export type { BudgetBucketSpendQuery, BudgetBucketSpendResponse } from './schemas/budget-bucket-spend.js'
export {
  budgetBucketSpendQuerySchema,
  budgetBucketSpendResponseSchema,
  parseBudgetBucketSpendResponse,
} from './schemas/budget-bucket-spend.js'
export type { BundleClaims } from './schemas/bundle-claims.js'
export {
  BUNDLE_AUDIENCE,
  BUNDLE_ISSUER,
  bundleClaimsSchema,
  parseBundleClaims,
} from './schemas/bundle-claims.js'
export type { Change, ChangeKind, ChangesResponse } from './schemas/changes.js'
export {
  CHANGES_TIMEOUT_BOUNDS,
  changeKinds,
  changeSchema,
  changesResponseSchema,
  isKnownChangeKind,
  parseChangesResponse,
} from './schemas/changes.js'
export type { CodexRefreshRequest, CodexRefreshResponse } from './schemas/codex-refresh.js'
export { codexRefreshRequestSchema, codexRefreshResponseSchema } from './schemas/codex-refresh.js'
export type { ControlPlaneErrorBody } from './schemas/error-body.js'
export { controlPlaneErrorBodySchema, readControlPlaneError } from './schemas/error-body.js'
export type {
  BudgetConfig,
  BudgetScope,
  CacheMode,
  CacheRule,
  CacheRuleMode,
  GatewayKeyConfig,
  GuardrailAttachment,
  GuardrailConfig,
  GuardrailDirection,
  PolicyRules,
} from './schemas/gateway-key-config.js'
export {
  budgetScopes,
  cacheModes,
  cacheRuleModes,
  gatewayKeyConfigSchema,
  guardrailDirections,
  parseGatewayKeyConfig,
} from './schemas/gateway-key-config.js'
export type {
  GuardrailCheckRequest,
  GuardrailCheckResponse,
  GuardrailDecision,
} from './schemas/guardrail-check.js'
export {
  guardrailCheckDirections,
  guardrailCheckRequestSchema,
  guardrailCheckResponseSchema,
  guardrailDecisions,
  parseGuardrailCheckRequest,
  parseGuardrailCheckResponse,
} from './schemas/guardrail-check.js'
export { parseWith } from './schemas/parse.js'
export type { PriceOverride, PriceOverrides } from './schemas/price-overrides.js'
export { MAX_PRICE_OVERRIDES, priceOverrideSchema, priceOverridesSchema } from './schemas/price-overrides.js'
export type {
  ApiKeyCredentials,
  AzureCredentials,
  BedrockCredentials,
  ProviderCredentials,
  ProviderSlot,
  VertexCredentials,
} from './schemas/provider-slot.js'
export { providerCredentialsSchema, providerSlotSchema } from './schemas/provider-slot.js'
export type {
  PatchRealtimeSessionRequest,
  ReportRealtimeUsageRequest,
  ReserveRealtimeSessionRequest,
} from './schemas/realtime-sessions.js'
export {
  patchRealtimeSessionRequestSchema,
  patchRealtimeSessionResponseSchema,
  reportRealtimeUsageRequestSchema,
  reportRealtimeUsageResponseSchema,
  reserveRealtimeSessionRequestSchema,
  reserveRealtimeSessionResponseSchema,
} from './schemas/realtime-sessions.js'
export type { ResolveKeyRequest, ResolveKeyResponse } from './schemas/resolve-key.js'
export {
  parseResolveKeyRequest,
  parseResolveKeyResponse,
  resolveKeyRequestSchema,
  resolveKeyResponseSchema,
} from './schemas/resolve-key.js'
export type {
  RoutingMode,
  RoutingPolicyConfig,
  RoutingStrategy,
  RoutingTarget,
} from './schemas/routing-policy.js'
export {
  routingModes,
  routingPolicySchema,
  routingStrategies,
  routingTargetSchema,
} from './schemas/routing-policy.js'
export type {
  SpendCommandName,
  SpendCommandsRequest,
  SpendCommandsResponse,
  SpendPayload,
  SpendRecord,
  SpendUsage,
} from './schemas/spend-commands.js'
export {
  MAX_SPEND_BATCH_BYTES,
  MAX_SPEND_BATCH_RECORDS,
  MAX_SPEND_RECORDS,
  parseSpendCommandsRequest,
  parseSpendCommandsResponse,
  spendCommandNames,
  spendCommandsRequestSchema,
  spendCommandsResponseSchema,
  spendPayloadSchema,
  spendRecordSchema,
  spendUsageSchema,
} from './schemas/spend-commands.js'
export { CONTROL_PLANE_BASE_PATH } from './signed-caller.js'
