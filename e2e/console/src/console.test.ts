// The console end to end in Debian's chromium: sign in, project, provider on the mock, key minted and
// copied, a request through the gateway, spend in the chart, a tiny budget (402), revoke (403), sign out.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findSeriousViolations } from './check-accessibility.js'
import { type ConsoleBrowser, launchConsoleBrowser } from './console-browser.js'
import { findChromium } from './find-chromium.js'
import { type ConsoleStack, startConsoleStack } from './start-console-stack.js'

const chromiumPath = findChromium()
const skipReason = chromiumPath
  ? ''
  : ' (SKIPPED: no Debian chromium at /usr/bin/chromium; `apt-get install chromium`, as .ci/run does)'
if (!chromiumPath) console.warn(`console browser tests skipped:${skipReason}`)

async function chat(stack: ConsoleStack, key: string): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hello' }],
    }),
  })
  const body = (await response.json()) as { error?: { code?: string } }
  return { status: response.status, ...(body.error?.code ? { code: body.error.code } : {}) }
}

/** Repeats `attempt` until `done` holds (the gateway learns of changes through its feed). */
async function eventually<T>(
  attempt: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms
  let last = await attempt()
  while (!done(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    last = await attempt()
  }
  return last
}

async function tabTo(page: Page, matches: () => boolean, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(matches)) return
  }
  throw new Error('keyboard focus never reached the element')
}

describe.skipIf(!chromiumPath)(`web console in a real browser${skipReason}`, () => {
  let stack: ConsoleStack
  let ui: ConsoleBrowser
  let page: Page
  let key = ''
  const consoleUrl = (path: string) => `${stack.controlPlaneUrl}/console${path}`
  const expectAccessible = async () => expect(await findSeriousViolations(page)).toEqual([])

  beforeAll(async () => {
    stack = await startConsoleStack()
    ui = await launchConsoleBrowser(chromiumPath!, stack.controlPlaneUrl)
    page = ui.page
  })
  afterAll(async () => {
    await ui?.close()
    await stack?.close()
  })

  it('signs in with the admin token, which stays out of the browser', async () => {
    await page.goto(consoleUrl('/keys'))
    expect(new URL(page.url()).pathname).toBe('/console/sign-in')
    await expectAccessible()
    await ui.screenshot('sign-in')
    await page.getByLabel('Admin token').fill('wrong-token-wrong-token')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not valid')
    await page.getByLabel('Admin token').fill(stack.adminToken)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/console\/projects$/)
    const [cookie] = await page.context().cookies()
    expect(cookie).toMatchObject({ name: 'gw_console_session', httpOnly: true, sameSite: 'Strict' })
    expect(cookie?.value).not.toContain(stack.adminToken)
    const stored = await page.evaluate(() =>
      JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie]),
    )
    expect(stored).not.toContain(stack.adminToken)
  })

  it('creates an organisation and a project, starting from an empty state that says what to do', async () => {
    await expect(page.locator('.empty').first().textContent()).resolves.toContain('Create one below')
    await expectAccessible()
    await page.getByLabel('Name').fill('Acme')
    await page.getByRole('button', { name: 'Create organisation' }).click()
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'Organisation Acme created.',
    )
    await page.locator('#project-name').fill('checkout')
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByRole('cell', { name: 'checkout' }).waitFor()
    await expectAccessible()
    await ui.screenshot('projects')
  })

  it('adds a provider credential on the mock provider; the secret is shown only as a hint', async () => {
    await page.goto(consoleUrl('/providers'))
    await expect(page.locator('.empty').textContent()).resolves.toContain('No provider credential yet')
    const fill = async () => {
      await page.getByLabel('Type').selectOption('openai')
      await page.getByLabel('Name (the handle gateways see)').fill('mock-openai')
      await page.getByLabel('API key').fill('sk-mock-secret-000042')
      await page.getByLabel('Base URL (optional)').fill(`${stack.mockUrl}/v1`)
      await page.getByRole('button', { name: 'Add provider credential' }).click()
    }
    await fill()
    await page.getByRole('cell', { name: 'mock-openai', exact: true }).waitFor()
    const html = await page.content()
    expect(html).not.toContain('sk-mock-secret-000042')
    expect(html).toContain('0042')
    await expectAccessible()
    await ui.screenshot('providers')
    // The same credential again: the admin API refuses it, and the page shows its words.
    await fill()
    const shown = await page.getByRole('alert').textContent()
    const projects = (await (
      await fetch(`${stack.controlPlaneUrl}/api/admin/projects`, {
        headers: { authorization: `Bearer ${stack.adminToken}` },
      })
    ).json()) as { data: { id: string }[] }
    const api = await fetch(`${stack.controlPlaneUrl}/api/admin/provider-credentials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        project_id: projects.data[0]?.id,
        type: 'openai',
        name: 'mock-openai',
        credentials: { api_key: 'x' },
      }),
    })
    const apiError = ((await api.json()) as { error: { message: string } }).error
    expect(shown).toContain(apiError.message)
    await page.getByRole('link', { name: 'Edit mock-openai' }).click()
    await page.getByRole('heading', { name: 'Edit mock-openai' }).waitFor()
    await expectAccessible()
    await ui.screenshot('provider-edit')
  })

  it('mints a key, shows it once with the base-URL lines, and copies it', async () => {
    await page.goto(consoleUrl('/keys'))
    await expect(page.locator('.empty').first().textContent()).resolves.toContain('No virtual key yet')
    await expectAccessible()
    await page.getByLabel('Name').fill('team-a')
    await page.getByRole('button', { name: 'Mint key' }).click()
    key = ((await page.locator('#issued-key').textContent()) ?? '').trim()
    expect(key).toMatch(/^lw_vk_live_/)
    const envLines = await page.locator('#env-lines').textContent()
    expect(envLines).toContain(`OPENAI_BASE_URL=${stack.gatewayUrl}/v1`)
    expect(envLines).toContain(`ANTHROPIC_BASE_URL=${stack.gatewayUrl}`)
    expect(envLines).toContain(`OPENAI_API_KEY=${key}`)
    await page.getByRole('button', { name: 'Copy key' }).click()
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(key)
    await expectAccessible()
    await ui.screenshot('key-created')
    await page.goto(consoleUrl('/keys'))
    expect(await page.content()).not.toContain(key)
    await ui.screenshot('keys')
  })

  it('sends a request through the gateway with the copied key', async () => {
    expect(await chat(stack, key)).toEqual({ status: 200 })
  })

  it('shows the spend of that request in the chart', async () => {
    const rendered = await eventually(
      async () => {
        await page.goto(consoleUrl('/spend?group_by=key'))
        return page.locator('#spend-table').count()
      },
      (count) => count > 0,
    )
    expect(rendered).toBe(1)
    await expect(page.locator('#spend-table thead').textContent()).resolves.toContain('team-a')
    await page.locator('#spend-chart[data-rendered="true"] canvas').waitFor()
    const cells = await page.locator('#spend-table tbody td').allTextContents()
    expect(cells.some((cell) => Number(cell.replace('$', '')) > 0)).toBe(true)
    await expectAccessible()
    await ui.screenshot('spend')
  })

  it('sets a tiny budget on the key and the next request is refused with 402', async () => {
    await page.goto(consoleUrl('/budgets'))
    await expect(page.locator('.empty').first().textContent()).resolves.toContain('No budget yet')
    await page.getByLabel('Caps').selectOption({ label: 'key: team-a' })
    await page.getByLabel('Limit (USD)').fill('0.000001')
    await page.getByRole('button', { name: 'Create budget' }).click()
    await page.locator('progress').first().waitFor()
    const refused = await eventually(
      () => chat(stack, key),
      (answer) => answer.status === 402,
    )
    expect(refused).toEqual({ status: 402, code: 'budget_exceeded' })
    await page.reload()
    // The gateway refuses on its estimate of the next request, before any spend reaches the bar.
    await expect(page.locator('[data-live-refresh]').textContent()).resolves.toContain('of $0.000001')
    await expectAccessible()
    await ui.screenshot('budgets')
  })

  it("edits the key's config: a bad regex is flagged as you type, a good config is saved", async () => {
    await page.goto(consoleUrl('/keys'))
    await page.getByRole('link', { name: 'Configure team-a' }).click()
    await page.getByRole('heading', { name: 'Configure team-a' }).waitFor()
    await page.locator('#tools_deny').fill('(unclosed')
    await expect(page.locator('#tools_deny-error').textContent()).resolves.toContain(
      'Line 1 is not a valid regex',
    )
    await expect(page.locator('#tools_deny').getAttribute('aria-invalid')).resolves.toBe('true')
    await page.getByRole('button', { name: 'Save config of team-a' }).click()
    expect(await page.locator('.flash').count()).toBe(0) // the browser kept the invalid form
    await page.locator('#tools_deny').fill('^shell_')
    await expect(page.locator('#tools_deny-error').textContent()).resolves.toBe('')
    await page.getByLabel('Models allowed, one a line (empty: every model)').fill('gpt-4o-mini')
    await page.getByLabel('Provider chain, one provider name a line, in order').fill('mock-openai')
    await page.getByLabel('Requests per minute').fill('100')
    await page.getByRole('button', { name: 'Save config of team-a' }).click()
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Config saved.')
    await expect(page.locator('#tools_deny').inputValue()).resolves.toBe('^shell_')
    const keys = (await (
      await fetch(`${stack.controlPlaneUrl}/api/admin/virtual-keys`, {
        headers: { authorization: `Bearer ${stack.adminToken}` },
      })
    ).json()) as { data: { name: string; config: Record<string, unknown> }[] }
    const config = keys.data.find((each) => each.name === 'team-a')?.config
    expect(config).toMatchObject({
      models_allowed: ['gpt-4o-mini'],
      rate_limits: { rpm: 100 },
      policy_rules: { tools: { deny: ['^shell_'] } },
      fallback: { chain: [expect.stringMatching(/.+/)] },
    })
    await expectAccessible()
    await ui.screenshot('key-config')
  })

  it('creates a guardrail, shows an API refusal in its own words, and attaches it', async () => {
    await page.goto(consoleUrl('/guardrails'))
    await expect(page.locator('.empty').first().textContent()).resolves.toContain('No guardrail yet')
    await page.getByLabel('Name').fill('no-secrets')
    await page.getByLabel('Evaluator').selectOption('regex')
    await page.getByLabel('Settings (JSON)').fill('{"patterns": []}')
    await page.getByRole('button', { name: 'Create guardrail' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toContain('needs at least one pattern')
    await page.getByLabel('Name').fill('no-secrets')
    await page.getByLabel('Evaluator').selectOption('regex')
    await page.getByLabel('Settings (JSON)').fill('{"patterns": ["secret-\\\\d+"]}')
    await page.getByRole('button', { name: 'Create guardrail' }).click()
    await page.getByRole('heading', { name: 'no-secrets' }).waitFor()
    await page.getByLabel('Attach to').selectOption({ label: 'project checkout' })
    await page.getByRole('button', { name: 'Attach no-secrets' }).click()
    await page.getByRole('button', { name: 'Detach from project checkout' }).waitFor()
    await expectAccessible()
    await ui.screenshot('guardrails')
  })

  it('revokes the key after a confirmation, and the gateway refuses it', async () => {
    await page.goto(consoleUrl('/keys'))
    await page.getByRole('link', { name: 'Revoke team-a…' }).click()
    await page.getByRole('heading', { name: 'Revoke team-a?' }).waitFor()
    await expectAccessible()
    await ui.screenshot('revoke-confirm')
    await page.getByRole('button', { name: 'Yes, revoke team-a' }).click()
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Key revoked.')
    await expect(page.locator('.status-revoked').first().textContent()).resolves.toBe('revoked')
    const refused = await eventually(
      () => chat(stack, key),
      (answer) => answer.status === 403,
    )
    expect(refused).toEqual({ status: 403, code: 'virtual_key_revoked' })
  })

  it('mints and copies a key with the keyboard only', async () => {
    await page.goto(consoleUrl('/keys'))
    await tabTo(page, () => document.activeElement?.id === 'key-name')
    await page.keyboard.type('keyboard-key')
    await page.keyboard.press('Enter')
    await page.locator('#issued-key').waitFor()
    const minted = ((await page.locator('#issued-key').textContent()) ?? '').trim()
    await tabTo(page, () => document.activeElement?.textContent === 'Copy key')
    await page.keyboard.press('Enter')
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(minted)
  })

  it('lists the changes as activity, newest first', async () => {
    await page.goto(consoleUrl('/activity'))
    const rows = await page.locator('tbody tr td:nth-child(2)').allTextContents()
    expect(rows[0]).toBe('Key created') // the keyboard-minted key
    expect(rows).toContain('Key revoked')
    expect(rows).toContain('Budget created')
    expect(rows).toContain('Provider credential changed')
    expect(rows).toContain('Guardrail or attachment changed')
    await expectAccessible()
    await ui.screenshot('activity')
  })

  it('signs out: the session ends and pages ask to sign in again', async () => {
    await page.goto(consoleUrl('/projects'))
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(/\/console\/sign-in$/)
    expect(await page.context().cookies()).toEqual([])
    await page.goto(consoleUrl('/keys'))
    expect(new URL(page.url()).pathname).toBe('/console/sign-in')
  })

  it('ran every page without a CSP violation or a script error', () => {
    expect(ui.problems).toEqual([])
  })
})
