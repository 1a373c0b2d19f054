// Which upstream addresses a provider base URL may reach (SSRF policy), shared by control plane and gateway.
import { BlockList, isIP } from 'node:net'

/** Options of {@link createAddressPolicy}. */
export interface AddressPolicyOptions {
  /**
   * Also refuse private (RFC 1918, ULA), loopback and unspecified addresses. The control plane and
   * gateway turn this on in `ENVIRONMENT=production` unless private base URLs are allowed.
   */
  refusePrivate: boolean
}

/** Why a host or address was refused, or null when it may be reached. */
export type AddressRefusal = 'metadata' | 'link_local' | 'private' | 'loopback' | null

/** A compiled address policy. */
export interface AddressPolicy {
  /** Checks an IP address (v4 or v6, as a resolver returns it). */
  checkAddress(address: string): AddressRefusal
  /** Checks a URL hostname: metadata names, then IP literals; other names pass (checked after DNS). */
  checkHostname(hostname: string): AddressRefusal
}

/** Hostnames of cloud metadata services, refused whatever they resolve to. */
const metadataHosts = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data'])

function buildList(ranges: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6']>): BlockList {
  const list = new BlockList()
  for (const [network, prefix, family] of ranges) list.addSubnet(network, prefix, family)
  return list
}

const linkLocal = buildList([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
  ['fd00:ec2::254', 128, 'ipv6'],
])
const loopback = buildList([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['0.0.0.0', 8, 'ipv4'],
  ['::', 128, 'ipv6'],
])
const privateRanges = buildList([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['fc00::', 7, 'ipv6'],
])

// An IPv4-mapped IPv6 address (::ffff:169.254.169.254) is checked as the IPv4 address it maps.
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)
  if (mapped?.[1] !== undefined) return { address: mapped[1], family: 'ipv4' }
  const version = isIP(bare)
  if (version === 0) return null
  return { address: bare, family: version === 4 ? 'ipv4' : 'ipv6' }
}

/**
 * Compiles the policy: link-local and metadata addresses are always refused; private and loopback
 * ones only when `refusePrivate` is set.
 *
 * @example
 * const policy = createAddressPolicy({ refusePrivate: true })
 * policy.checkHostname('169.254.169.254') // 'link_local'
 * policy.checkAddress('10.0.0.7') // 'private'
 */
export function createAddressPolicy(options: AddressPolicyOptions): AddressPolicy {
  const checkAddress = (address: string): AddressRefusal => {
    const ip = normalise(address)
    if (ip === null) return null
    if (ip.address === '169.254.169.254' || linkLocal.check(ip.address, ip.family)) return 'link_local'
    if (!options.refusePrivate) return null
    if (loopback.check(ip.address, ip.family)) return 'loopback'
    if (privateRanges.check(ip.address, ip.family)) return 'private'
    return null
  }
  return {
    checkAddress,
    checkHostname(hostname) {
      const host = hostname.toLowerCase().replace(/\.$/, '')
      if (metadataHosts.has(host)) return 'metadata'
      if (options.refusePrivate && (host === 'localhost' || host.endsWith('.localhost'))) return 'loopback'
      return checkAddress(host)
    },
  }
}
