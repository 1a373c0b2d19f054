import { parseGatewayKeyConfig } from '@gw/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli/run-cli.js'
import { type Harness, seedTenant, startHarness, testSecrets } from '../test-utils/harness.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

const piiGuardrail = (organizationId: string, extra: Record<string, unknown> = {}) => ({
  organization_id: organizationId,
  name: `pii-${Math.random().toString(36).slice(2, 8)}`,
  evaluator: 'pii',
  directions: ['pre', 'post'],
  settings: { types: ['email', 'us_ssn'] },
  ...extra,
})

async function keyConfig(keyId: string) {
  const response = await h.internal('GET', `/config/${keyId}`)
  return parseGatewayKeyConfig(response.body)
}

describe('guardrails admin API', () => {
  it('refuses settings the evaluator cannot run, naming the problem', async () => {
    const tenant = await seedTenant(h)
    const badRegex = await h.admin('POST', '/guardrails', {
      ...piiGuardrail(tenant.organizationId),
      evaluator: 'regex',
      settings: { patterns: ['(unclosed'] },
    })
    expect(badRegex.status).toBe(400)
    expect(badRegex.text).toContain('pattern \\"(unclosed\\" is not a valid regular expression')
    const unknown = await h.admin('POST', '/guardrails', {
      ...piiGuardrail(tenant.organizationId),
      evaluator: 'magic',
    })
    expect(unknown.status).toBe(400)
    expect(unknown.text).toContain('unknown evaluator')
  })

  it('ships attached guardrails with their settings in /config and announces the change', async () => {
    const tenant = await seedTenant(h)
    const before = (
      await h.internal('GET', `/changes?organization_id=${tenant.organizationId}&since=0&timeout_s=1`)
    ).body as { current_revision: string }
    const created = await h.admin('POST', '/guardrails', piiGuardrail(tenant.organizationId))
    expect(created.status).toBe(201)
    const { id } = created.body as { id: string }
    expect((await keyConfig(tenant.keyId)).guardrails).toEqual([])
    const attached = await h.admin('POST', `/guardrails/${id}/attachments`, { project_id: tenant.projectId })
    expect(attached.status).toBe(201)
    const config = await keyConfig(tenant.keyId)
    expect(config.guardrails).toEqual([
      expect.objectContaining({
        id,
        evaluator: 'pii',
        failure_mode: 'fail_closed',
        settings: { types: ['email', 'us_ssn'] },
      }),
    ])
    expect(config.guardrail_attachments).toEqual([
      { direction: 'pre', guardrail_ids: [id] },
      { direction: 'post', guardrail_ids: [id] },
    ])
    const changes = (
      await h.internal(
        'GET',
        `/changes?organization_id=${tenant.organizationId}&since=${before.current_revision}&timeout_s=1`,
      )
    ).body as { changes: Array<{ kind: string }> }
    expect(changes.changes.map(({ kind }) => kind)).toEqual(['GUARDRAIL_UPDATED', 'GUARDRAIL_UPDATED'])
  })

  it('refuses a key policy pattern that does not compile, at write time', async () => {
    const tenant = await seedTenant(h)
    const response = await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: { policy_rules: { urls: { deny: ['[a-'] } } },
    })
    expect(response.status).toBe(400)
    expect(response.text).toContain('pattern \\"[a-\\" is not a valid regular expression')
  })
})

describe('POST /guardrail/check', () => {
  it('redacts PII in messages and answers modify with the content in its shape', async () => {
    const tenant = await seedTenant(h)
    const { id } = (await h.admin('POST', '/guardrails', piiGuardrail(tenant.organizationId))).body as {
      id: string
    }
    const response = await h.internal('POST', '/guardrail/check', {
      vk_id: tenant.keyId,
      project_id: tenant.projectId,
      direction: 'request',
      guardrail_ids: [id],
      content: [{ role: 'user', content: 'mail me at jo@example.com' }],
    })
    expect(response.body).toEqual({
      decision: 'modify',
      reason: `modified by ${id}`,
      modified_content: [{ role: 'user', content: 'mail me at [EMAIL]' }],
      policies_triggered: [id],
    })
  })

  it('blocks with a regex guardrail and allows clean text', async () => {
    const tenant = await seedTenant(h)
    const { id } = (
      await h.admin('POST', '/guardrails', {
        ...piiGuardrail(tenant.organizationId),
        evaluator: 'regex',
        settings: { patterns: ['rm -rf'] },
      })
    ).body as { id: string }
    const check = (content: string) =>
      h.internal('POST', '/guardrail/check', {
        vk_id: tenant.keyId,
        project_id: null,
        direction: 'response',
        guardrail_ids: [id],
        content,
      })
    expect((await check('run rm -rf /')).body).toMatchObject({ decision: 'block', policies_triggered: [id] })
    expect((await check('all good')).body).toMatchObject({ decision: 'allow' })
  })

  it('refuses guardrail ids of another organisation', async () => {
    const mine = await seedTenant(h)
    const other = await seedTenant(h)
    const { id } = (await h.admin('POST', '/guardrails', piiGuardrail(other.organizationId))).body as {
      id: string
    }
    const response = await h.internal('POST', '/guardrail/check', {
      vk_id: mine.keyId,
      project_id: null,
      direction: 'request',
      guardrail_ids: [id],
      content: 'x',
    })
    expect(response.status).toBe(400)
  })
})

describe('gw-cp guardrail', () => {
  it('creates, lists and attaches a guardrail to a key', async () => {
    const tenant = await seedTenant(h)
    let out = ''
    const cli = async (...argv: string[]) => {
      out = ''
      return runCli([...argv, '--json'], {
        env: {
          CONTROL_PLANE_URL: h.cp.url,
          CONTROL_PLANE_ADMIN_TOKEN: testSecrets.CONTROL_PLANE_ADMIN_TOKEN,
        },
        stdout: (text) => {
          out += text
        },
        stderr: () => {},
      })
    }
    const settings = JSON.stringify({ max_tokens: 100 })
    expect(
      await cli(
        'guardrail',
        'create',
        '--org',
        tenant.organizationId,
        '--name',
        'cap',
        '--evaluator',
        'max_input_tokens',
        '--directions',
        'pre',
        '--failure-mode',
        'fail_open',
        '--settings',
        settings,
      ),
    ).toBe(0)
    const { id } = JSON.parse(out) as { id: string }
    expect(await cli('guardrail', 'list', '--org', tenant.organizationId)).toBe(0)
    expect((JSON.parse(out) as { data: Array<{ id: string }> }).data.map((row) => row.id)).toEqual([id])
    expect(await cli('guardrail', 'attach', id, '--key', tenant.keyId)).toBe(0)
    expect((await keyConfig(tenant.keyId)).guardrails.map((guardrail) => guardrail.failure_mode)).toEqual([
      'fail_open',
    ])
  })
})
