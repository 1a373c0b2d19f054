import { parseChangesResponse } from '@gw/contract'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, seedTenant, startHarness } from '../test-utils/harness.js'

let h: Harness

beforeAll(async () => {
  // A 2 s ceiling keeps the clamp test short; the re-read interval is long so wake-ups must come from the notifier.
  h = await startHarness({ env: { CONTROL_PLANE_CHANGES_MAX_WAIT: '2s' }, changesRecheckMs: 60_000 })
})
afterAll(async () => {
  await h?.close()
})

async function revisionOf(organizationId: string): Promise<number> {
  const response = await h.internal('GET', `/changes?organization_id=${organizationId}&since=0&timeout_s=1`)
  return Number(parseChangesResponse(response.body).current_revision)
}

describe('GET /changes', () => {
  it('lists the changes after `since` at once, oldest first, with their kinds and ids', async () => {
    const tenant = await seedTenant(h)
    await h.admin('POST', `/virtual-keys/${tenant.keyId}/disable`)
    const response = await h.internal(
      'GET',
      `/changes?organization_id=${tenant.organizationId}&since=0&timeout_s=5`,
    )
    expect(response.status).toBe(200)
    const body = parseChangesResponse(response.body)
    expect(body.changes.map((change) => change.kind)).toEqual(['VK_CREATED', 'VK_DISABLED'])
    expect(body.changes[1]).toMatchObject({
      virtual_key_id: tenant.keyId,
      project_id: tenant.projectId,
      revision: body.current_revision,
    })
    const since = Number(body.changes[0]?.revision)
    const after = parseChangesResponse(
      (
        await h.internal(
          'GET',
          `/changes?organization_id=${tenant.organizationId}&since=${since}&timeout_s=5`,
        )
      ).body,
    )
    expect(after.changes.map((change) => change.kind)).toEqual(['VK_DISABLED'])
  })

  it('wakes a waiting poll within a second of a revoke', async () => {
    const tenant = await seedTenant(h)
    const since = await revisionOf(tenant.organizationId)
    const poll = h.internal(
      'GET',
      `/changes?organization_id=${tenant.organizationId}&since=${since}&timeout_s=25`,
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    const revokedAt = performance.now()
    await h.admin('POST', `/virtual-keys/${tenant.keyId}/revoke`)
    const response = await poll
    expect(performance.now() - revokedAt).toBeLessThan(1_000)
    expect(response.status).toBe(200)
    const body = parseChangesResponse(response.body)
    expect(body.changes).toEqual([
      {
        kind: 'VK_REVOKED',
        virtual_key_id: tenant.keyId,
        project_id: tenant.projectId,
        revision: String(since + 1),
      },
    ])
  })

  it('answers 204 with X-LangWatch-Revision when nothing changes before the timeout', async () => {
    const tenant = await seedTenant(h)
    const since = await revisionOf(tenant.organizationId)
    const started = performance.now()
    const response = await h.internal(
      'GET',
      `/changes?organization_id=${tenant.organizationId}&since=${since}&timeout_s=1`,
    )
    expect(response.status).toBe(204)
    expect(response.headers.get('x-langwatch-revision')).toBe(String(since))
    expect(performance.now() - started).toBeGreaterThanOrEqual(900)
  })

  it('clamps timeout_s to the configured ceiling', async () => {
    const tenant = await seedTenant(h)
    const since = await revisionOf(tenant.organizationId)
    const started = performance.now()
    const response = await h.internal(
      'GET',
      `/changes?organization_id=${tenant.organizationId}&since=${since}&timeout_s=100`,
    )
    expect(response.status).toBe(204)
    expect(performance.now() - started).toBeLessThan(6_000)
  })

  it('answers at once when `since` is ahead of the feed, so a gateway resyncs after a reset', async () => {
    const tenant = await seedTenant(h)
    const response = await h.internal(
      'GET',
      `/changes?organization_id=${tenant.organizationId}&since=999999&timeout_s=25`,
    )
    expect(response.status).toBe(200)
    expect(parseChangesResponse(response.body)).toEqual({ current_revision: '1', changes: [] })
  })

  it('ends the wait when the client disconnects', async () => {
    const tenant = await seedTenant(h)
    const since = await revisionOf(tenant.organizationId)
    const controller = new AbortController()
    const poll = h
      .internal(
        'GET',
        `/changes?organization_id=${tenant.organizationId}&since=${since}&timeout_s=25`,
        undefined,
        {
          signal: controller.signal,
        },
      )
      .catch((error: unknown) => error)
    const longPolls = async () =>
      ((await h.internal('GET', '/health')).body as { long_polls: number }).long_polls
    await expect.poll(longPolls, { timeout: 2_000 }).toBe(1)
    controller.abort()
    await poll
    await expect.poll(longPolls, { timeout: 2_000 }).toBe(0)
  })

  it('answers 404 for an unknown organization and 400 naming a bad parameter', async () => {
    const unknown = await h.internal('GET', '/changes?organization_id=org_nope&since=0&timeout_s=1')
    expect(unknown.status).toBe(404)
    const bad = await h.internal('GET', '/changes?organization_id=org_nope&since=abc')
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: { code: 'bad_request', meta: { field: 'since' } } })
  })

  it('answers a poll without an organization at once with 204, echoing since as the revision', async () => {
    const started = Date.now()
    const response = await h.internal('GET', '/changes?since=7&timeout_s=25')
    expect(response.status).toBe(204)
    expect(response.headers.get('x-langwatch-revision')).toBe('7')
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})
