// Migration 0003: a project's trace destination (the customer trace bridge forwards there) and capture flag.

/**
 * Adds `project_trace_settings`: one row per project that configured where its traces go
 * (`endpoint`, OTLP/HTTP) with which headers (sealed like provider credentials, bound to the
 * project id), and whether the gateway may capture message content (off unless set).
 */
export const migration0003ProjectTraceSettings = {
  version: '0003_project_trace_settings',
  sql: `
create table project_trace_settings (
  project_id text primary key references projects (id),
  endpoint text,
  headers_sealed text,
  capture_content boolean not null default false,
  updated_at timestamptz not null
);
`,
} as const
