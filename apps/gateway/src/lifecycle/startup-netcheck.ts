// One-shot DNS + TCP check of provider hosts before the pod reports started (broken egress shows at deploy).
import { lookup as dnsLookup } from 'node:dns/promises'
import { connect } from 'node:net'
import { parseListenAddress } from '@gw/config-hydrate'

/** Options of {@link runStartupNetcheck}. */
export interface StartupNetcheckOptions {
  /** `host:port` entries (GATEWAY_STARTUP_NETCHECK_HOSTS). Empty: nothing to check. */
  hosts: readonly string[]
  /** Budget per host for DNS and dial together (GATEWAY_STARTUP_NETCHECK_TIMEOUT). */
  timeoutMs: number
  /** Resolves a host name to an address. Default `dns.promises.lookup`. */
  lookup?: (host: string) => Promise<string>
  /** Opens and closes a TCP connection. Default `net.connect`. */
  dial?: (address: string, port: number, timeoutMs: number) => Promise<void>
}

/** Thrown when a host fails; each failure line starts with `dns resolution failed` or `tcp dial failed`. */
export class StartupNetcheckError extends Error {
  override readonly name = 'StartupNetcheckError'
  readonly failures: string[]

  constructor(failures: string[]) {
    super(`startup netcheck failed for ${failures.length} host(s):\n  ${failures.join('\n  ')}`)
    this.failures = failures
  }
}

/**
 * Resolves and dials every host in parallel. A DNS failure points at the DNS egress rule
 * (kube-system :53); a dial failure after DNS worked points at the provider :443 rule.
 *
 * @example
 * await runStartupNetcheck({ hosts: ['api.openai.com:443'], timeoutMs: 2_000 })
 */
export async function runStartupNetcheck(options: StartupNetcheckOptions): Promise<void> {
  const lookup = options.lookup ?? defaultLookup
  const dial = options.dial ?? defaultDial
  const results = await Promise.all(
    options.hosts.map((entry) => checkHost(entry, options.timeoutMs, lookup, dial)),
  )
  const failures = results.filter((failure): failure is string => failure !== undefined)
  if (failures.length > 0) throw new StartupNetcheckError(failures)
}

async function checkHost(
  entry: string,
  timeoutMs: number,
  lookup: (host: string) => Promise<string>,
  dial: (address: string, port: number, timeoutMs: number) => Promise<void>,
): Promise<string | undefined> {
  const target = parseListenAddress(entry)
  if (target?.host === undefined) return `invalid entry ${JSON.stringify(entry)}: expected host:port`
  const startedAt = performance.now()
  let address: string
  try {
    address = await withTimeout(lookup(target.host), timeoutMs)
  } catch (error) {
    return `dns resolution failed: ${entry}: ${(error as Error).message}`
  }
  const remainingMs = Math.max(1, timeoutMs - (performance.now() - startedAt))
  try {
    await dial(address, target.port, remainingMs)
  } catch (error) {
    return `tcp dial failed: ${entry} (${address}): ${(error as Error).message}`
  }
  return undefined
}

async function defaultLookup(host: string): Promise<string> {
  return (await dnsLookup(host)).address
}

function defaultDial(address: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port })
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`timed out after ${Math.round(timeoutMs)}ms`))
    }, timeoutMs)
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.destroy()
      resolve()
    })
    socket.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
  })
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs}ms`)), timeoutMs)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
