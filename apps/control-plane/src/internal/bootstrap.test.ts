import { createBundleVerifier, hashKey } from '@gw/auth-cache'
import {
  parseBootstrapPage,
  parseGatewayKeyConfig,
  RESPONSE_SIGNING_METHOD,
  verifyRequest,
} from '@gw/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness, testSecrets } from '../test-utils/harness.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

async function readAllPages(limit: number, form: { templates?: boolean; raw?: unknown[] } = {}) {
  const pages = []
  const templates = new Map()
  let after: string | null = null
  do {
    const base = `?limit=${limit}${form.templates === true ? '&templates=1' : ''}`
    const query: string = after === null ? base : `${base}&after=${after}`
    const response = await h.internal('GET', `/bootstrap${query}`)
    expect(response.status).toBe(200)
    form.raw?.push(response.body)
    const page = parseBootstrapPage(response.body, templates)
    pages.push(page)
    after = page.next_after
  } while (after !== null && pages.length < 100)
  return pages
}

async function createKey(projectId: string, body: Record<string, unknown> = {}) {
  const issued = (await h.admin('POST', '/virtual-keys', { project_id: projectId, name: 'k', ...body }))
    .body as { key: string; virtual_key: { id: string } }
  return { id: issued.virtual_key.id, key: issued.key }
}

describe('GET /bootstrap', () => {
  it('hands out each active key as resolve-key and /config would, in a signed page indexed by the cache hash', async () => {
    const tenant = await seedTenant(h)
    await h.admin('POST', '/provider-credentials', {
      project_id: tenant.projectId,
      type: 'openai',
      name: 'openai-prod',
      credentials: { api_key: 'sk-bootstrap-test-secret-1234' },
      models: ['gpt-4o-mini'],
    })
    await h.admin('PATCH', `/virtual-keys/${tenant.keyId}`, {
      config: { model_aliases: { fast: 'gpt-4o-mini' } },
    })
    const pages = await readAllPages(1_000)
    const entry = pages.flatMap((page) => page.keys).find((key) => key.key_id === tenant.keyId)
    expect(entry?.key_hash).toBe(hashKey(tenant.key))
    expect(JSON.stringify(pages)).not.toContain(tenant.key)

    const verify = createBundleVerifier({ secret: testSecrets.LW_GATEWAY_JWT_SECRET, now: h.now })
    const resolved = await h.internal('POST', '/resolve-key', {
      key_presented: tenant.key,
      gateway_node_id: 'gw',
    })
    expect(entry!.claims).toEqual(await verify((resolved.body as { jwt: string }).jwt))
    const signedAnswer = await h.internal('GET', '/bootstrap?limit=1000')
    expect(
      verifyRequest({
        secret: testSecrets.LW_GATEWAY_INTERNAL_SECRET,
        method: RESPONSE_SIGNING_METHOD,
        path: '/api/internal/gateway/bootstrap',
        body: signedAnswer.text,
        signature: signedAnswer.headers.get('x-langwatch-gateway-signature'),
        timestamp: signedAnswer.headers.get('x-langwatch-gateway-timestamp'),
        now: h.now,
      }),
    ).toMatchObject({ ok: true })

    const page = pages.find((each) => each.keys.includes(entry!))!
    const config = await h.internal('GET', `/config/${tenant.keyId}`)
    const project = page.projects[tenant.projectId]!
    expect(project.providers[0]?.credentials.api_key).toBe('sk-bootstrap-test-secret-1234')
    expect({
      ...entry!.config,
      providers: project.providers,
      project_otlp_token: project.project_otlp_token,
    }).toEqual(parseGatewayKeyConfig(config.body))
    expect(entry!.etag).toBe(config.headers.get('etag'))
    const revision = (
      await h.internal('GET', `/changes?organization_id=${tenant.organizationId}&timeout_s=1`)
    ).body as { current_revision: string }
    expect(page.revisions[tenant.organizationId]).toBe(revision.current_revision)
  })

  it.each([
    ['whole configs', false],
    ['templates', true],
  ])(
    'gives each key of one page its own config, whether its policy is shared or not (%s)',
    async (_, templates) => {
      const tenant = await seedTenant(h)
      const aliases = { model_aliases: { fast: 'gpt-4o-mini' } }
      const shared = [
        await createKey(tenant.projectId, { config: aliases }),
        await createKey(tenant.projectId, { config: aliases }),
      ]
      const own = await createKey(tenant.projectId, { config: { model_aliases: { smart: 'gpt-4o' } } })
      const keys = new Map(
        (await readAllPages(1_000, { templates }))
          .flatMap((page) => page.keys)
          .map((key) => [key.key_id, key]),
      )
      for (const { id } of [...shared, own, { id: tenant.keyId }]) {
        const answer = await h.internal('GET', `/config/${id}`)
        const {
          providers: _providers,
          project_otlp_token: _token,
          ...expected
        } = parseGatewayKeyConfig(answer.body)
        expect(keys.get(id)?.config).toEqual(expected)
        expect(keys.get(id)?.etag).toBe(answer.headers.get('etag'))
      }
      expect(keys.get(shared[0]!.id)?.config.model_aliases).toEqual({ fast: 'gpt-4o-mini' })
      expect(keys.get(own.id)?.config.model_aliases).toEqual({ smart: 'gpt-4o' })
      expect(keys.get(tenant.keyId)?.config.model_aliases).toEqual({})
    },
  )

  it('with templates, sends what keys share once per page and keeps a key-only guardrail to that key', async () => {
    const tenant = await seedTenant(h)
    const aliases = { config: { model_aliases: { fast: 'gpt-4o-mini' } } }
    const twins = [await createKey(tenant.projectId, aliases), await createKey(tenant.projectId, aliases)]
    const guarded = await createKey(tenant.projectId, aliases)
    const guardrail = await h.admin('POST', '/guardrails', {
      organization_id: tenant.organizationId,
      name: 'pii-one-key',
      evaluator: 'pii',
      directions: ['pre'],
      settings: { types: ['email'] },
    })
    const guardrailId = (guardrail.body as { id: string }).id
    const attached = await h.admin('POST', `/guardrails/${guardrailId}/attachments`, {
      virtual_key_id: guarded.id,
    })
    expect(attached.status).toBeLessThan(300)

    const raw: unknown[] = []
    const keys = new Map(
      (await readAllPages(1_000, { templates: true, raw }))
        .flatMap((page) => page.keys)
        .map((key) => [key.key_id, key]),
    )
    type WireKey = {
      key_id: string
      template?: string
      own?: Record<string, unknown>
      claims: { vk_id: string }
      config?: unknown
    }
    const wire = new Map(
      raw.flatMap((page) => (page as { keys: WireKey[] }).keys).map((key) => [key.key_id, key]),
    )
    const [first, second] = twins.map(({ id }) => wire.get(id)!)
    expect(first?.config).toBeUndefined()
    // Identity travels once, in the claims; `own` holds only what they do not carry.
    expect(first?.claims.vk_id).toBe(twins[0]!.id)
    expect(first?.own).toEqual({ display_prefix: expect.stringMatching(/^lw_vk_/), status: 'active' })
    expect(first?.template).toBe(second?.template)
    expect(wire.get(guarded.id)?.template).not.toBe(first?.template)
    const page = raw.find((each) => (each as { keys: WireKey[] }).keys.includes(first!)) as {
      keys: WireKey[]
      templates: Record<string, unknown>
    }
    expect(Object.keys(page.templates).length).toBeLessThan(page.keys.length)

    expect(keys.get(guarded.id)?.config.guardrails.map((each) => each.id)).toEqual([guardrailId])
    expect(keys.get(twins[0]!.id)?.config.guardrails).toEqual([])
    // The parsed keys share the template's values, frozen: a change to one cannot reach the other.
    const [a, b] = twins.map(({ id }) => keys.get(id)!.config)
    expect(a).not.toBe(b)
    expect(a!.model_aliases).toBe(b!.model_aliases)
    expect(Object.isFrozen(a!.model_aliases)).toBe(true)
    expect(a!.vk_id).toBe(twins[0]!.id)
    expect(b!.vk_id).toBe(twins[1]!.id)
  })

  it('pages in key-id order until next_after is null, each key once', async () => {
    const tenant = await seedTenant(h)
    await createKey(tenant.projectId)
    await createKey(tenant.projectId)
    const all = (await readAllPages(1_000)).flatMap((page) => page.keys.map((key) => key.key_id))
    const paged = await readAllPages(2)
    const ids = paged.flatMap((page) => page.keys.map((key) => key.key_id))
    expect(ids).toEqual(all)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
    expect(paged.length).toBeGreaterThan(1)
    expect(paged.at(-1)?.next_after).toBeNull()
  })

  it('leaves out revoked, disabled and expired keys, and follows a rotation to the new secret', async () => {
    const tenant = await seedTenant(h)
    const revoked = await createKey(tenant.projectId)
    const disabled = await createKey(tenant.projectId)
    const expiring = await createKey(tenant.projectId, {
      expires_at: new Date(h.now() + 60_000).toISOString(),
    })
    const rotated = await createKey(tenant.projectId)
    expect((await h.admin('POST', `/virtual-keys/${revoked.id}/revoke`)).status).toBe(200)
    expect((await h.admin('POST', `/virtual-keys/${disabled.id}/disable`)).status).toBe(200)
    const rotation = await h.admin('POST', `/virtual-keys/${rotated.id}/rotate`)
    const newKey = (rotation.body as { key: string }).key
    h.advance(120_000)
    const keys = (await readAllPages(1_000)).flatMap((page) => page.keys)
    const ids = keys.map((key) => key.key_id)
    expect(ids).toContain(tenant.keyId)
    expect(ids).not.toContain(revoked.id)
    expect(ids).not.toContain(disabled.id)
    expect(ids).not.toContain(expiring.id)
    expect(keys.find((key) => key.key_id === rotated.id)?.key_hash).toBe(hashKey(newKey))
  })

  it('answers a page whose keys were all left out with no keys and the cursor to go on from', async () => {
    const tenant = await seedTenant(h)
    const [first, revokedA, revokedB, last] = [
      await createKey(tenant.projectId),
      await createKey(tenant.projectId),
      await createKey(tenant.projectId),
      await createKey(tenant.projectId),
    ]
    for (const key of [revokedA!, revokedB!]) {
      expect((await h.admin('POST', `/virtual-keys/${key.id}/revoke`)).status).toBe(200)
    }
    const empty = await h.internal('GET', `/bootstrap?limit=2&after=${first!.id}`)
    const emptyPage = parseBootstrapPage(empty.body)
    expect(emptyPage.keys).toEqual([])
    expect(emptyPage.next_after).toBe(revokedB!.id)
    expect(empty.headers.get('x-langwatch-bootstrap-next')).toBe(revokedB!.id)
    const next = parseBootstrapPage(
      (await h.internal('GET', `/bootstrap?limit=2&after=${revokedB!.id}`)).body,
    )
    expect(next.keys[0]?.key_id).toBe(last!.id)
  })

  it('leaves out keys minted before the cache digest existed', async () => {
    const tenant = await seedTenant(h)
    const legacy = await createKey(tenant.projectId)
    await h.cp.db.query('update virtual_keys set cache_digest = null where id = $1', [legacy.id])
    const ids = (await readAllPages(1_000)).flatMap((page) => page.keys.map((key) => key.key_id))
    expect(ids).toContain(tenant.keyId)
    expect(ids).not.toContain(legacy.id)
  })

  it('refuses a bad limit or cursor with a 400 naming the parameter, and unsigned calls with a 401', async () => {
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=5001', 'limit'],
      ['?limit=ten', 'limit'],
      ['?after=%27%3Bdrop', 'after'],
      ['?templates=yes', 'templates'],
    ] as const) {
      const response = await h.internal('GET', `/bootstrap${query}`)
      expect(response.status).toBe(400)
      expect(response.body).toMatchObject({ error: { code: 'bad_request' } })
      expect((response.body as { error: { message: string } }).error.message).toContain(field)
    }
    const unsigned = await fetch(`${h.cp.url}/api/internal/gateway/bootstrap`)
    expect(unsigned.status).toBe(401)
  })
})
