// Migration 0006: per-end-user budget templates with their ledger, and per-credential price overrides.

/**
 * `budgets.per_end_user` marks a template: each end user of its scope gets its own bucket, kept
 * in `budget_end_user_spend` per (budget, end user, window start) so windows roll over by
 * timestamp as for the other budgets. `provider_credentials.price_overrides` holds model →
 * micro-USD per million tokens (null → the catalogue's prices).
 */
export const migration0006EndUserBudgets = {
  version: '0006_end_user_budgets',
  sql: `
alter table budgets add column per_end_user boolean not null default false;

create table budget_end_user_spend (
  budget_id text not null references budgets (id) on delete cascade,
  end_user_id text not null,
  window_start timestamptz not null,
  spent_micro_usd bigint not null default 0,
  primary key (budget_id, end_user_id, window_start)
);

alter table provider_credentials add column price_overrides jsonb;
`,
} as const
