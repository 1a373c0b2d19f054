// Migration 0005: budgets, the spend ledger per budget window, and daily spend per key and model.

/**
 * Budgets and their ledger. Spend is aggregated per (budget, window start) as records arrive:
 * the current window is found by timestamp, so a window rolls over without any job.
 */
export const migration0005Budgets = {
  version: '0005_budgets',
  sql: `
create table budgets (
  id text primary key,
  organization_id text not null references organizations (id),
  scope text not null check (scope in ('organization', 'team', 'project', 'virtual_key', 'principal')),
  scope_id text not null,
  -- a provider credential id: the budget counts only that provider's spend; null → every provider
  provider_key text,
  budget_window text not null check (budget_window in ('minute', 'hour', 'day', 'week', 'month', 'total')),
  limit_micro_usd bigint not null check (limit_micro_usd >= 0),
  on_breach text not null check (on_breach in ('block', 'warn')),
  name text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index budgets_scope_idx on budgets (organization_id, scope, scope_id);

create table budget_spend (
  budget_id text not null references budgets (id) on delete cascade,
  window_start timestamptz not null,
  spent_micro_usd bigint not null default 0,
  primary key (budget_id, window_start)
);

create table spend_daily (
  day date not null,
  virtual_key_id text not null,
  model text not null,
  organization_id text not null,
  project_id text not null,
  cost_micro_usd bigint not null default 0,
  requests bigint not null default 0,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  primary key (day, virtual_key_id, model)
);
create index spend_daily_project_idx on spend_daily (project_id, day);
create index spend_daily_organization_idx on spend_daily (organization_id, day);
`,
} as const
