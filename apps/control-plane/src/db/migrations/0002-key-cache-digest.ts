// Migration 0002: the gateway's cache index of each key (SHA-256 of the raw key), for the bootstrap pull.

/**
 * Adds `virtual_keys.cache_digest`: hex SHA-256 of the raw key, the very value the gateway's auth
 * cache is indexed by (`hashKey`). It lets `GET /bootstrap` hand a gateway every active key
 * without the key or the pepper. Only keys minted or rotated from now on have one (the raw key
 * exists only at that moment); older keys stay null and resolve on first use, as before.
 */
export const migration0002KeyCacheDigest = {
  version: '0002_key_cache_digest',
  sql: `
alter table virtual_keys add column cache_digest text;
`,
} as const
