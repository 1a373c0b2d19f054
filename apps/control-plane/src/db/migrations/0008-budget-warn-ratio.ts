// Migration 0008: a budget's own warning ratio (null → the gateway's GATEWAY_BUDGET_WARN_RATIO).

/** `budgets.warn_ratio`: share of the limit from which the gateway sets `X-LangWatch-Budget-Warning`. */
export const migration0008BudgetWarnRatio = {
  version: '0008_budget_warn_ratio',
  sql: `
alter table budgets add column warn_ratio double precision
  check (warn_ratio is null or (warn_ratio >= 0.01 and warn_ratio <= 1));
`,
} as const
