// Migration 0004: guardrail definitions and their attachments to projects and keys.

/** Guardrails (evaluator, directions, failure mode, settings) and where they are attached. */
export const migration0004Guardrails = {
  version: '0004_guardrails',
  sql: `
create table guardrails (
  id text primary key,
  organization_id text not null references organizations (id),
  name text not null,
  evaluator text not null,
  -- subset of pre, post, stream_chunk: where it runs when attached without directions
  directions jsonb not null,
  failure_mode text not null check (failure_mode in ('fail_open', 'fail_closed')),
  -- the evaluator's settings, validated at write time
  settings jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (organization_id, name)
);

create table guardrail_attachments (
  guardrail_id text not null references guardrails (id) on delete cascade,
  project_id text references projects (id),
  virtual_key_id text references virtual_keys (id),
  directions jsonb not null,
  created_at timestamptz not null,
  check ((project_id is null) <> (virtual_key_id is null))
);
create unique index guardrail_attachments_target_key on guardrail_attachments
  (guardrail_id, coalesce(project_id, ''), coalesce(virtual_key_id, ''));
create index guardrail_attachments_project_idx on guardrail_attachments (project_id);
create index guardrail_attachments_key_idx on guardrail_attachments (virtual_key_id);
`,
} as const
