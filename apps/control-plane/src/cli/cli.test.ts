import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../seed-demo.js'
import { type Harness, startHarness, testSecrets } from '../test-utils/harness.js'
import { cliAgainst } from '../test-utils/run-cli-against.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

const cli = cliAgainst(() => h)

describe('gw-cp', () => {
  it('creates and lists an organization, project, provider and key with --json', async () => {
    const org = JSON.parse((await cli('org', 'create', '--name', 'CLI Org', '--json')).out) as { id: string }
    const orgs = JSON.parse((await cli('org', 'list', '--json')).out) as { data: { id: string }[] }
    expect(orgs.data.map((candidate) => candidate.id)).toContain(org.id)
    const project = JSON.parse(
      (await cli('project', 'create', '--org', org.id, '--name', 'p1', '--json')).out,
    ) as {
      id: string
    }
    const provider = await cli(
      'provider',
      'create',
      '--project',
      project.id,
      '--type',
      'openai',
      '--name',
      'openai',
      '--api-key',
      'sk-cli-test-key-0123456789',
      '--json',
    )
    expect(JSON.parse(provider.out)).toMatchObject({ credentials_hint: { api_key: 'sk-…6789' } })
    const created = await cli('key', 'create', '--project', project.id, '--name', 'cli-key', '--json')
    expect(created.code).toBe(0)
    const issued = JSON.parse(created.out) as { key: string; virtual_key: { id: string } }
    expect(issued.key).toMatch(/^lw_vk_live_/)
    const keys = JSON.parse((await cli('key', 'list', '--project', project.id, '--json')).out) as {
      data: { id: string; status: string }[]
    }
    expect(keys.data).toEqual([expect.objectContaining({ id: issued.virtual_key.id, status: 'active' })])
    const revoked = JSON.parse((await cli('key', 'revoke', issued.virtual_key.id, '--json')).out) as {
      status: string
    }
    expect(revoked.status).toBe('revoked')
  })

  it('prints human tables without --json and shows a created key once', async () => {
    const org = JSON.parse((await cli('org', 'create', '--name', 'Tables', '--json')).out) as { id: string }
    const listed = await cli('org', 'list')
    expect(listed.out.split('\n')[0]).toMatch(/^id\s+slug\s+name/)
    expect(listed.out).toContain(org.id)
    const project = JSON.parse(
      (await cli('project', 'create', '--org', org.id, '--name', 'p', '--json')).out,
    ) as {
      id: string
    }
    const created = await cli('key', 'create', '--project', project.id, '--name', 'k')
    expect(created.out).toContain('Key (shown once, store it now):')
    expect(created.out).toMatch(/lw_vk_live_\w+/)
  })

  it('exits 2 on usage errors and 1 with the API error code on API errors', async () => {
    const missing = await cli('org', 'create')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('--name is required')
    const unknown = await cli('key', 'get', '01HZZZZZZZZZZZZZZZZZZZZZZZ')
    expect(unknown.code).toBe(1)
    expect(unknown.err).toContain('not_found')
  })

  it('runs as a process through the package cli script', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const run = promisify(execFile)
    const { stdout } = await run(
      process.execPath,
      ['--conditions=gw-source', '--import', 'tsx', 'src/cli.ts', 'org', 'list', '--json'],
      {
        cwd: root,
        env: {
          ...process.env,
          CONTROL_PLANE_URL: h.cp.url,
          CONTROL_PLANE_ADMIN_TOKEN: testSecrets.CONTROL_PLANE_ADMIN_TOKEN,
        },
      },
    )
    expect(JSON.parse(stdout)).toHaveProperty('data')
  }, 60_000)
})

describe('seedDemo', () => {
  it('creates the demo tenant once and hands out a key that resolves, rotating it on later runs', async () => {
    const first = await seedDemo({ url: h.cp.url, adminToken: testSecrets.CONTROL_PLANE_ADMIN_TOKEN })
    expect(first.created).toBe(true)
    const second = await seedDemo({ url: h.cp.url, adminToken: testSecrets.CONTROL_PLANE_ADMIN_TOKEN })
    expect(second).toMatchObject({
      created: false,
      organization_id: first.organization_id,
      project_id: first.project_id,
      key_id: first.key_id,
    })
    const resolve = (key: string) =>
      h.internal('POST', '/resolve-key', { key_presented: key, gateway_node_id: 'gw' })
    expect((await resolve(second.key)).status).toBe(200)
    expect((await resolve(first.key)).status).toBe(401)
    const config = (await h.internal('GET', `/config/${second.key_id}`)).body as {
      providers: { type: string }[]
      fallback: { chain: string[] }
    }
    expect(config.providers.map((provider) => provider.type)).toEqual(['mock'])
    expect(config.fallback.chain).toEqual([first.provider_id])
  })
})
