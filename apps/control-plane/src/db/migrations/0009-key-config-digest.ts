// Migration 0009: a digest of each key's policy, so the bootstrap pull reads each distinct policy once.

/**
 * Adds `virtual_keys.config_digest`: hex SHA-256 of the key's policy (`config`) as the database
 * prints it, computed by the database itself (a stored generated column), so no write path can
 * forget it. `GET /bootstrap` lists a page of keys with this digest instead of the policy and
 * reads the policy once per distinct digest: most keys share a few policies, and turning each
 * key's `jsonb` into text was the largest part of the page query.
 */
export const migration0009KeyConfigDigest = {
  version: '0009_key_config_digest',
  sql: `
alter table virtual_keys add column config_digest text
  generated always as (encode(sha256(config::text::bytea), 'hex')) stored;
`,
} as const
