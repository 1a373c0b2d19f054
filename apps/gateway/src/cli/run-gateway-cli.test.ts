import { describe, expect, it } from 'vitest'
import { gatewayVersion } from '../version.js'
import { describeVariables } from './describe-variables.js'
import { runGatewayCli } from './run-gateway-cli.js'

async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout: string[] = []
  const stderr: string[] = []
  const code = await runGatewayCli({
    argv,
    env,
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
  })
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') }
}

describe('gw-gateway --print-config', () => {
  it('prints the effective config as JSON with every secret masked', async () => {
    const { code, stdout } = await run(['--print-config'], {
      ENVIRONMENT: 'prod',
      LW_GATEWAY_INTERNAL_SECRET: 'internal-plaintext',
      LW_GATEWAY_JWT_SECRET: 'jwt-plaintext',
      LW_GATEWAY_JWT_SECRET_PREVIOUS: 'previous-plaintext',
      GATEWAY_ADMIN_AUTH_TOKEN: 'admin-plaintext-0123456789abcdef0123',
      OTEL_OTLP_HEADERS: 'Authorization=Bearer%20otlp-plaintext',
      LW_GATEWAY_OUTBOUND_PROXY: 'http://u:proxy-plaintext@127.0.0.1:9',
      LW_GATEWAY_BASE_URL: 'http://cp:cp-plaintext@127.0.0.1:5560',
    })
    expect(code).toBe(0)
    expect(stdout).not.toMatch(/plaintext/)
    const printed = JSON.parse(stdout)
    expect(printed.controlPlane).toMatchObject({
      internalSecret: '***',
      jwtSecret: '***',
      jwtSecretPrevious: '***',
    })
    expect(printed.admin.authToken).toBe('***')
    expect(printed.otel.otlpHeaders).toEqual({ Authorization: '***' })
    expect(printed.server.drainDelayMs).toBe(5_000)
  })

  it('exits 1 with every config problem on stderr', async () => {
    const { code, stderr, stdout } = await run(['--print-config'], {
      ENVIRONMENT: 'prod',
      SERVER_ADDR: 'nope',
    })
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain('LW_GATEWAY_INTERNAL_SECRET')
    expect(stderr).toContain('LW_GATEWAY_JWT_SECRET')
    expect(stderr).toContain('SERVER_ADDR="nope"')
  })

  it('refuses an exposed admin listener without a token before starting', async () => {
    const { code, stderr } = await run([], { GATEWAY_ADMIN_ADDR: '0.0.0.0:6060' })
    expect(code).toBe(1)
    expect(stderr).toContain('GATEWAY_ADMIN_ADDR')
    expect(stderr).toContain('GATEWAY_ADMIN_AUTH_TOKEN')
  })
})

describe('gw-gateway --help and --version', () => {
  it('lists every variable with its default', async () => {
    const { code, stdout } = await run(['--help'])
    expect(code).toBe(0)
    for (const row of describeVariables()) expect(stdout).toContain(row.variable)
    expect(stdout).toMatch(/SERVER_ADDR\s+default :5563/)
    expect(stdout).toMatch(/SERVER_GRACEFUL_SECONDS\s+default 5s/)
    expect(stdout).toContain('legacy: GATEWAY_LISTEN_ADDR')
  })

  it('prints the version', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, stdout: gatewayVersion })
  })

  it('exits 2 on an unknown flag', async () => {
    const { code, stderr } = await run(['--verbose'])
    expect(code).toBe(2)
    expect(stderr).toContain('Usage: gw-gateway')
  })
})
