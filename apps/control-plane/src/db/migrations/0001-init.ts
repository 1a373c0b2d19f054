// Migration 0001: tenancy, virtual keys (digests only), provider credentials (encrypted), change log, spend.

/** The initial schema. Timestamps come from the application clock, never `now()`, so tests can inject time. */
export const migration0001Init = {
  version: '0001_init',
  sql: `
create table organizations (
  id text primary key,
  name text not null,
  slug text not null unique,
  -- last revision of this organization's change feed; bumped under a row lock
  change_revision bigint not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table teams (
  id text primary key,
  organization_id text not null references organizations (id),
  name text not null,
  created_at timestamptz not null,
  unique (organization_id, name)
);

create table projects (
  id text primary key,
  organization_id text not null references organizations (id),
  team_id text references teams (id),
  name text not null,
  -- per-tenant OTLP token, AES-256-GCM sealed like provider credentials
  otlp_token_sealed text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (organization_id, name)
);

create table principals (
  id text primary key,
  organization_id text not null references organizations (id),
  kind text not null check (kind in ('user', 'service')),
  name text not null,
  email text,
  created_at timestamptz not null,
  unique (organization_id, name)
);

create table virtual_keys (
  -- the 26-character ULID embedded in the key itself
  id text primary key,
  organization_id text not null references organizations (id),
  project_id text not null references projects (id),
  team_id text references teams (id),
  principal_id text references principals (id),
  name text not null,
  environment text not null check (environment in ('live', 'test')),
  display_prefix text not null,
  -- hex hmac_sha256(LW_VIRTUAL_KEY_PEPPER, key); the key itself is never stored
  digest text not null,
  -- digest of the secret replaced by the last rotation, honoured until previous_valid_until
  previous_digest text,
  previous_valid_until timestamptz,
  status text not null default 'active' check (status in ('active', 'disabled', 'revoked')),
  expires_at timestamptz,
  config jsonb not null,
  -- the organization change revision that last touched this key
  revision bigint not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index virtual_keys_digest_key on virtual_keys (digest);
create index virtual_keys_previous_digest_idx on virtual_keys (previous_digest) where previous_digest is not null;
create index virtual_keys_project_idx on virtual_keys (project_id);
create index virtual_keys_organization_idx on virtual_keys (organization_id);

create table provider_credentials (
  id text primary key,
  organization_id text not null references organizations (id),
  project_id text not null references projects (id),
  type text not null check (type in ('openai', 'azure-openai', 'anthropic', 'openai-compatible', 'gemini', 'bedrock', 'vertex', 'mock')),
  name text not null,
  -- AES-256-GCM sealed JSON of the credential fields
  credentials_sealed text not null,
  -- masked hints (sk-…abcd) shown by the admin API
  credentials_hint jsonb not null,
  base_url text,
  deployment_map jsonb,
  models jsonb not null default '[]',
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (project_id, name)
);

create table change_log (
  organization_id text not null references organizations (id),
  revision bigint not null,
  kind text not null,
  virtual_key_id text,
  budget_id text,
  model_provider_id text,
  project_id text,
  created_at timestamptz not null,
  primary key (organization_id, revision)
);

create table spend_records (
  request_id text not null,
  command text not null,
  payload jsonb not null,
  pod_id text,
  pod_seq bigint,
  received_at timestamptz not null,
  primary key (request_id, command)
);
`,
} as const
