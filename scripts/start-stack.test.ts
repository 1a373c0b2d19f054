// `pnpm start` as a newcomer meets it: the demo key survives a restart, --new-key replaces it,
// a taken port is named on the console, and Ctrl-C stops everything without warnings.
import { readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, startTestStack, type TestStack } from './stack/start-test-stack.js'

const stacks: TestStack[] = []
afterAll(async () => {
  await Promise.all(stacks.map((stack) => stack.stop()))
})

async function chat(stack: TestStack, key: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${stack.ports.gateway}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] }),
  })
  await response.arrayBuffer()
  return response.status
}

function gatewayLog(stack: TestStack): string {
  return readFileSync(join(stack.dataDir, 'logs', 'gateway.log'), 'utf8')
}

describe('pnpm start', () => {
  it('keeps the demo key across a restart, stops cleanly on Ctrl-C, and --new-key replaces the key', async () => {
    const first = await startTestStack()
    stacks.push(first)
    expect(await chat(first, first.key)).toBe(200)
    expect(statSync(join(first.dataDir, 'demo-key.json')).mode & 0o777).toBe(0o600)
    expect(await first.stop()).toBe(0)
    expect(first.output()).toContain('stopped')
    const log = gatewayLog(first)
    expect(log).toContain('"msg":"gateway_stopped"')
    expect(log).not.toContain('shutdown_signal_repeated')
    expect(log).not.toContain('drain_timeout_cut_requests')

    const second = await startTestStack({ dataDir: first.dataDir, ports: first.ports })
    stacks.push(second)
    expect(second.key).toBe(first.key)
    expect(second.output()).toContain('kept from the last start')
    expect(await chat(second, first.key)).toBe(200)
    await second.stop()

    const third = await startTestStack({
      dataDir: first.dataDir,
      ports: first.ports,
      args: ['--', '--new-key'],
    })
    stacks.push(third)
    expect(third.key).not.toBe(first.key)
    expect(await chat(third, third.key)).toBe(200)
    expect(await chat(third, first.key)).toBe(401)
    await third.stop()
  })

  it('names the variable to set when a port is taken, on the console, before starting anything', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const address = blocker.address()
    const taken = typeof address === 'object' && address !== null ? address.port : 0
    try {
      const ports = { mock: await freePort(), controlPlane: await freePort(), gateway: taken }
      const attempt = startTestStack({ ports })
      await expect(attempt).rejects.toThrow(
        new RegExp(
          `did not print a demo key:\\nport ${taken} is in use: set GATEWAY_PORT to a free port\\n$`,
        ),
      )
    } finally {
      blocker.close()
    }
  })
})
