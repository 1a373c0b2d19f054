// A DNS lookup for outbound sockets that refuses addresses the SSRF policy forbids (checked at connect time).
import { type LookupAddress, type LookupOptions, lookup } from 'node:dns'
import type { AddressPolicy } from '@gw/contract'

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/** The error a refused address fails the connection with (a network error: fallback, breaker). */
export class UpstreamAddressRefusedError extends Error {
  readonly code = 'UPSTREAM_ADDRESS_REFUSED'
  constructor(host: string, reason: string) {
    super(`upstream host ${host} resolves to a refused address (${reason})`)
    this.name = 'UpstreamAddressRefusedError'
  }
}

/**
 * Wraps `dns.lookup` so a connection never reaches an address `policy` refuses, whatever the
 * name resolved to when it was written (DNS rebinding). A name with any refused address fails.
 *
 * @example
 * new Pool(origin, { connect: { lookup: createCheckedLookup(policy) } })
 */
export function createCheckedLookup(policy: AddressPolicy) {
  return function checkedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
    lookup(hostname, { ...options }, (error, address, family) => {
      if (error) return callback(error, '', 0)
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address]
      for (const candidate of addresses) {
        const refusal = policy.checkAddress(candidate)
        if (refusal !== null) return callback(new UpstreamAddressRefusedError(hostname, refusal), '', 0)
      }
      if (Array.isArray(address)) callback(null, address)
      else callback(null, address, family)
    })
  }
}

/**
 * Checks an origin's host before any socket opens: metadata names and IP literals (which never
 * go through DNS). Throws {@link UpstreamAddressRefusedError}.
 *
 * @example
 * assertOriginAllowed('http://169.254.169.254', policy) // throws
 */
export function assertOriginAllowed(origin: string, policy: AddressPolicy): void {
  const { hostname } = new URL(origin)
  const refusal = policy.checkHostname(hostname)
  if (refusal !== null) throw new UpstreamAddressRefusedError(hostname, refusal)
}
