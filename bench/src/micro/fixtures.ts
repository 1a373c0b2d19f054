// Shared inputs for microbenchmarks: a well-formed virtual key, secrets, a chat body, bundle claims.

/** A well-formed live virtual key (ULID + 40-char secret); not a real credential. */
export const sampleVirtualKey = 'lw_vk_live_01J9ZK3V7Q8R2W5X6Y7Z8A9B0CbenchSecretPart0123456789abcdefghijklmn'

/** Test-only secrets, 32 bytes like production ones. */
export const sampleSecrets = {
  jwt: 'bench-jwt-secret-32-bytes-long!!',
  internal: 'bench-internal-secret-32-bytes!!',
} as const

/** A typical small OpenAI chat request body. */
export const sampleChatBody = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'Say hello in one short sentence.' },
  ],
  max_tokens: 32,
})

/** Claims of a bundle JWT as the control plane issues them (iat/exp/iss/aud added by signBundle). */
export const sampleBundleClaims = {
  vk_id: 'vk_01J9ZK3V7Q8R2W5X6Y7Z8A9B0C',
  org_id: 'org_bench',
  project_id: 'prj_bench',
  team_id: 'team_bench',
  principal_id: null,
  revision: '1',
  vk_expires_at: null,
} as const
