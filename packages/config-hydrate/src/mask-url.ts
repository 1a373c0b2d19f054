// Masks the secret parts of a URL (userinfo password, known credential query parameters) for dumps and logs.

/** Query parameters that carry credentials (matched case-insensitively). */
const secretParams = new Set([
  'key',
  'api_key',
  'apikey',
  'api-key',
  'token',
  'access_token',
  'auth',
  'password',
  'secret',
  'client_secret',
  'sig',
  'signature',
  'x-amz-signature',
  'x-amz-security-token',
  'x-goog-signature',
])

const masked = '***'

/**
 * The URL with its password and credential query values replaced by `***`; the user name, host,
 * path and other parameters stay readable. A value that does not parse as a URL is returned as
 * `***` when it contains an `@` (it may be a userinfo with a secret), else unchanged.
 *
 * @example
 * maskUrlSecrets('http://u:secret@proxy:3128/?key=abc&x=1') // 'http://u:***@proxy:3128/?key=***&x=1'
 */
export function maskUrlSecrets(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return value.includes('@') ? masked : value
  }
  let changed = false
  if (url.password !== '') {
    url.password = masked
    changed = true
  }
  for (const name of [...url.searchParams.keys()]) {
    if (secretParams.has(name.toLowerCase())) {
      url.searchParams.set(name, masked)
      changed = true
    }
  }
  // Unchanged URLs are returned as written (URL serialisation would add a trailing slash, say).
  return changed ? url.toString().replaceAll('%2A%2A%2A', masked) : value
}
