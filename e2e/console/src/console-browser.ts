// Test helper: a headless Debian chromium page on the console, with CSP violations and page errors collected.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'

/** Where the tests save a screenshot of each page (committed copies live in apps/control-plane/docs/console). */
export const screenshotDir = new URL('../.screenshots/', import.meta.url).pathname

/** A launched browser with one page. */
export interface ConsoleBrowser {
  browser: Browser
  page: Page
  /** Console messages about CSP violations and uncaught page errors, since launch. */
  problems: string[]
  screenshot(name: string): Promise<void>
  close(): Promise<void>
}

/**
 * Launches chromium headless (no sandbox: CI runs as root) with clipboard access for `origin`.
 *
 * @example
 * const { page } = await launchConsoleBrowser('/usr/bin/chromium', stack.controlPlaneUrl)
 */
export async function launchConsoleBrowser(executablePath: string, origin: string): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] })
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  mkdirSync(screenshotDir, { recursive: true })
  return {
    browser,
    page,
    problems,
    screenshot: async (name) => {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true })
    },
    close: () => browser.close(),
  }
}
