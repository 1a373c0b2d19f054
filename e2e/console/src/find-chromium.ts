// Where Debian's chromium is (installed by .ci/run); undefined when absent, so the browser tests skip with the reason.
import { existsSync } from 'node:fs'

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser']

/**
 * The chromium binary, or undefined.
 *
 * @example
 * const executablePath = findChromium() // '/usr/bin/chromium'
 */
export function findChromium(): string | undefined {
  return candidates.find((path) => existsSync(path))
}
