// Go-style listen addresses (":5563", "127.0.0.1:6060", "[::1]:0"): the parser, the env field type, loopback checks.
import { isIP } from 'node:net'
import * as v from 'valibot'
import { defineEnvField, type EnvSchema, notParsed, parsed } from './field-meta.js'

/** A parsed listen address; `host` undefined means every interface. */
export interface ListenAddress {
  host: string | undefined
  port: number
}

const hostPort = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]*)):(\d{1,5})$/

/**
 * Parses `host:port`, `:port` or `[ipv6]:port`; returns undefined when malformed.
 *
 * @example
 * parseListenAddress(':5563') // { host: undefined, port: 5563 }
 * parseListenAddress('[::1]:6060') // { host: '::1', port: 6060 }
 */
export function parseListenAddress(addr: string): ListenAddress | undefined {
  const match = hostPort.exec(addr.trim())
  if (match === null) return undefined
  const port = Number(match[3])
  if (port > 65_535) return undefined
  const ipv6 = match[1]
  if (ipv6 !== undefined) return isIP(ipv6) === 6 ? { host: ipv6, port } : undefined
  const host = match[2] ?? ''
  return { host: host === '' ? undefined : host, port }
}

/**
 * True when `host` only reaches this machine (127.0.0.0/8, ::1, localhost).
 *
 * @example
 * isLoopbackHost('127.0.0.1') // true
 * isLoopbackHost(undefined) // false: every interface
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false
  const lower = host.toLowerCase()
  if (lower === 'localhost' || lower === '::1') return true
  return isIP(lower) === 4 && lower.startsWith('127.')
}

/** Formats an address for logs and URLs (`[::1]:6060`). */
export function formatHostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`
}

/**
 * A listen address (`host:port`, `:port` for every interface, `[ipv6]:port`), kept as written and
 * refused at start when {@link parseListenAddress} cannot read it. The one listen-address field of
 * every app, so the gateway and the control plane accept exactly the same forms.
 *
 * @example
 * v.object({ server: v.object({ addr: envListenAddress(':5563') }) }) // SERVER_ADDR
 * v.object({ admin: v.object({ addr: v.optional(envListenAddress()) }) }) // unset → undefined
 */
export function envListenAddress(defaultValue?: string): EnvSchema<string> {
  return defineEnvField(v.string(), {
    expected: 'a listen address like :5563, 127.0.0.1:6060 or [::1]:6060',
    secret: false,
    optional: false,
    defaultValue,
    parse: (raw) => (parseListenAddress(raw) === undefined ? notParsed : parsed(raw)),
  })
}
