// Write-time checks of a provider URL (base_url, Azure endpoint): http(s) only, and the SSRF address policy.
import { type AddressPolicy, GatewayError } from '@gw/contract'

const refusalText = {
  metadata: 'a cloud metadata host',
  link_local: 'a link-local or metadata address',
  loopback: 'a loopback address (set CONTROL_PLANE_ALLOW_PRIVATE_BASE_URLS=true to allow)',
  private: 'a private address (set CONTROL_PLANE_ALLOW_PRIVATE_BASE_URLS=true to allow)',
} as const

function badField(field: string, problem: string): GatewayError {
  return new GatewayError('bad_request', `Invalid field "${field}": ${problem}`, { meta: { field } })
}

/**
 * Throws 400 `bad_request` naming `field` when `url` is not an `http:`/`https:` URL or its host is
 * refused by `policy`. Names are checked as written; the gateway re-checks resolved addresses when
 * it connects, so DNS cannot get around this.
 *
 * @example
 * checkProviderUrl('base_url', 'file:///etc/passwd', policy) // throws bad_request
 */
export function checkProviderUrl(field: string, url: string, policy: AddressPolicy): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw badField(field, 'must be an absolute http:// or https:// URL')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw badField(field, `must use http:// or https://, not ${parsed.protocol}`)
  }
  const refusal = policy.checkHostname(parsed.hostname)
  if (refusal !== null) throw badField(field, `must not point at ${refusalText[refusal]}`)
}
