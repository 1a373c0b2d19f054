// Migration 0007: named routing policies (ordered, weighted credential targets and a strategy) per project.

/** Routing policies; keys name one in their config (`routing_policy_id`). */
export const migration0007RoutingPolicies = {
  version: '0007_routing_policies',
  sql: `
create table routing_policies (
  id text primary key,
  organization_id text not null references organizations (id),
  project_id text not null references projects (id),
  name text not null,
  strategy text not null check (strategy in ('weighted', 'least_latency', 'least_busy')),
  -- [{provider_id, model|null, weight}], credentials of the project, validated at write time
  targets jsonb not null,
  sticky_sessions boolean not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (project_id, name)
);
create index routing_policies_project_idx on routing_policies (project_id);
`,
} as const
