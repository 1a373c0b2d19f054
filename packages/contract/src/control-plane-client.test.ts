import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type ControlPlaneClient, createControlPlaneClient } from './control-plane-client.js'
import { ControlPlaneError } from './control-plane-error.js'
import { RESPONSE_SIGNING_METHOD, signRequest, verifyRequest } from './hmac.js'
import { BOOTSTRAP_NEXT_HEADER } from './read-bootstrap-pages.js'

const secret = 'internal-secret-for-tests-0123456789'

interface Seen {
  method: string
  url: string
  body: string
  headers: IncomingMessage['headers']
  verified: ReturnType<typeof verifyRequest>
}
type Handler = (seen: Seen, response: ServerResponse) => void

let server: Server
let baseUrl: string
let handler: Handler
const seen: Seen[] = []
const clients: ControlPlaneClient[] = []

function client(options: { requestTimeoutMs?: number } = {}): ControlPlaneClient {
  const created = createControlPlaneClient({ baseUrl, internalSecret: secret, nodeId: 'gw-test', ...options })
  clients.push(created)
  return created
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers })
  response.end(JSON.stringify(body))
}

async function rejection(promise: Promise<unknown>): Promise<ControlPlaneError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ControlPlaneError)
    return error as ControlPlaneError
  }
  throw new Error('expected a rejection')
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const url = request.url ?? '/'
      const verified = verifyRequest({
        secret,
        method: request.method ?? 'GET',
        path: url,
        body,
        signature: request.headers['x-langwatch-gateway-signature'] as string | undefined,
        timestamp: request.headers['x-langwatch-gateway-timestamp'] as string | undefined,
      })
      // Every call carries a random lw_nonce (signed with the path): tests read the URL without it.
      const shown = url.replace(/[?&]lw_nonce=[\w-]+$/, '')
      const entry = { method: request.method ?? '', url: shown, body, headers: request.headers, verified }
      seen.push(entry)
      handler(entry, response)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterEach(async () => {
  seen.length = 0
  await Promise.all(clients.splice(0).map((created) => created.close()))
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe('createControlPlaneClient', () => {
  it('signs resolve-key and returns the typed answer', async () => {
    handler = (_seen, response) =>
      json(response, 200, { jwt: 'a.b.c', revision: 7, key_id: 'vk_1', display_prefix: 'lw_vk_live_01J' })
    const answer = await client().resolveKey('lw_vk_live_secret')
    expect(answer).toEqual({ jwt: 'a.b.c', revision: '7', key_id: 'vk_1', display_prefix: 'lw_vk_live_01J' })
    const request = seen[0]!
    expect(request.verified).toEqual({ ok: true, scope: 'path-and-query' })
    expect(request.method).toBe('POST')
    expect(request.url).toBe('/api/internal/gateway/resolve-key')
    expect(JSON.parse(request.body)).toEqual({
      key_presented: 'lw_vk_live_secret',
      gateway_node_id: 'gw-test',
    })
    expect(request.headers['x-langwatch-gateway-node']).toBe('gw-test')
  })

  it('passes the 403 code of a revoked key through as kind auth', async () => {
    handler = (_seen, response) =>
      json(response, 403, {
        error: { type: 'permission_error', code: 'virtual_key_revoked', message: 'revoked' },
      })
    const error = await rejection(client().resolveKey('lw_vk_live_x'))
    expect(error).toMatchObject({
      kind: 'auth',
      code: 'virtual_key_revoked',
      status: 403,
      upstreamStatus: 403,
    })
    expect(error.controlPlaneCode).toBe('virtual_key_revoked')
  })

  it('maps a 401 virtual_key_not_found to invalid_api_key, keeping the control-plane code', async () => {
    handler = (_seen, response) =>
      json(response, 401, { error: { code: 'virtual_key_not_found', message: 'no' } })
    const error = await rejection(client().resolveKey('lw_vk_live_x'))
    expect(error).toMatchObject({
      kind: 'auth',
      code: 'invalid_api_key',
      controlPlaneCode: 'virtual_key_not_found',
    })
  })

  it('treats a refused signature as rejected, not as a bad key', async () => {
    handler = (_seen, response) =>
      json(response, 401, { error: { code: 'invalid_signature', message: 'no' } })
    const error = await rejection(client().resolveKey('lw_vk_live_x'))
    expect(error).toMatchObject({ kind: 'rejected', code: 'auth_upstream_unavailable' })
  })

  it('treats 5xx and an unparsable 200 as transport', async () => {
    handler = (_seen, response) => json(response, 502, { error: { code: 'bad_gateway', message: 'x' } })
    expect(await rejection(client().resolveKey('k'))).toMatchObject({ kind: 'transport', retryable: true })
    handler = (_seen, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{not json')
    }
    expect(await rejection(client().resolveKey('k'))).toMatchObject({ kind: 'transport' })
    handler = (_seen, response) => json(response, 200, { jwt: 'a.b.c' })
    const missingField = await rejection(client().resolveKey('k'))
    expect(missingField).toMatchObject({ kind: 'transport', code: 'auth_upstream_unavailable' })
    expect(missingField.message).toContain('revision')
  })

  it('times out into a transport error', async () => {
    handler = () => undefined // never answers
    const error = await rejection(client({ requestTimeoutMs: 200 }).resolveKey('k'))
    expect(error).toMatchObject({ kind: 'transport', code: 'auth_upstream_unavailable' })
  })

  it('reports a refused connection as transport', async () => {
    const closed = createControlPlaneClient({
      baseUrl: 'http://127.0.0.1:1',
      internalSecret: secret,
      nodeId: 'n',
    })
    clients.push(closed)
    expect(await rejection(closed.resolveKey('k'))).toMatchObject({ kind: 'transport' })
  })

  it('fetches config with an ETag and handles 304', async () => {
    handler = (request, response) => {
      if (request.headers['if-none-match'] === '"v2"') {
        response.writeHead(304, { etag: '"v2"' })
        response.end()
        return
      }
      json(
        response,
        200,
        { project_id: 'prj_1', providers: [{ id: 'p1', type: 'openai', credentials: { api_key: 'sk' } }] },
        { etag: '"v2"' },
      )
    }
    const cp = client()
    const first = await cp.getConfig('vk/1')
    expect(first).toMatchObject({ notModified: false, etag: '"v2"' })
    if (first.notModified) throw new Error('expected a body')
    expect(first.config.providers[0]?.credentials.api_key).toBe('sk')
    expect(first.config.rate_limits).toEqual({ rpm: null, rpd: null, tpm: null })
    expect(await cp.getConfig('vk/1', '"v2"')).toEqual({ notModified: true })
    expect(seen[0]!.url).toBe('/api/internal/gateway/config/vk%2F1')
    expect(seen.every((request) => request.verified.ok)).toBe(true)
  })

  const bootstrapClaims = {
    vk_id: 'vk_1',
    org_id: 'org_1',
    project_id: 'prj_1',
    team_id: null,
    principal_id: null,
    revision: '3',
    vk_expires_at: null,
    iat: 1_750_000_000,
    exp: 1_750_000_900,
    iss: 'langwatch-control-plane',
    aud: 'langwatch-gateway',
  }

  // Answers like the control plane: the body signed as a RESPONSE to the request's path, and
  // the next cursor in a header as well as in the body.
  function signedJson(
    response: ServerResponse,
    url: string,
    body: Record<string, unknown>,
    signingSecret = secret,
  ) {
    const text = JSON.stringify(body)
    const signed = signRequest({
      secret: signingSecret,
      method: RESPONSE_SIGNING_METHOD,
      path: url,
      body: text,
    })
    const next = typeof body.next_after === 'string' ? { [BOOTSTRAP_NEXT_HEADER]: body.next_after } : {}
    response.writeHead(200, { 'content-type': 'application/json', ...signed.headers, ...next })
    response.end(text)
  }

  async function readAll(cp: ControlPlaneClient, limit = 10) {
    const pages = []
    for await (const page of cp.readBootstrapPages({ limit })) pages.push(page)
    return pages
  }

  const keyHash = 'a'.repeat(64)
  const pageBody = (next: string | null) => ({
    keys: [
      {
        key_hash: keyHash,
        key_id: 'vk_1',
        claims: bootstrapClaims,
        etag: '"e1"',
        config: { project_id: 'prj_1' },
      },
    ],
    projects: { prj_1: { providers: [{ id: 'p1', type: 'openai', credentials: { api_key: 'sk' } }] } },
    revisions: { org_1: 12 },
    next_after: next,
  })

  it('reads every signed bootstrap page, following the cursor, with a clamped limit', async () => {
    handler = (request, response) =>
      signedJson(response, request.url, pageBody(request.url.includes('after=') ? null : 'vk_1'))
    const cp = client()
    const [first, last, ...more] = await readAll(cp, 99_999)
    expect(more).toEqual([])
    expect(first?.keys[0]).toMatchObject({
      key_hash: keyHash,
      key_id: 'vk_1',
      claims: bootstrapClaims,
      etag: '"e1"',
    })
    expect(first?.keys[0]?.config.rate_limits).toEqual({ rpm: null, rpd: null, tpm: null })
    expect(first?.projects.prj_1).toMatchObject({ project_otlp_token: null, providers: [{ id: 'p1' }] })
    expect(first?.revisions).toEqual({ org_1: '12' })
    expect(first?.next_after).toBe('vk_1')
    expect(last?.next_after).toBeNull()
    expect(seen.map((request) => request.url)).toEqual([
      '/api/internal/gateway/bootstrap?limit=5000&templates=1',
      '/api/internal/gateway/bootstrap?limit=5000&templates=1&after=vk_1',
    ])
    expect(seen.every((request) => request.verified.ok)).toBe(true)
  })

  it('asks for the next page before the consumer has taken the current one', async () => {
    handler = (request, response) =>
      signedJson(response, request.url, pageBody(request.url.includes('after=') ? null : 'vk_1'))
    const pages = client().readBootstrapPages({ limit: 1 })[Symbol.asyncIterator]()
    await pages.next()
    await vi.waitFor(() => expect(seen).toHaveLength(2))
    expect((await pages.next()).value?.next_after).toBeNull()
    expect((await pages.next()).done).toBe(true)
  })

  it('refuses a bootstrap page that is unsigned, signed with another secret, altered, or whose cursor header lies', async () => {
    const page = { keys: [], next_after: null }
    const cp = client()
    handler = (_request, response) => json(response, 200, page)
    expect(await rejection(readAll(cp))).toMatchObject({ kind: 'rejected' })
    handler = (request, response) =>
      signedJson(response, request.url, page, 'another-secret-0123456789abcdef')
    const forged = await rejection(readAll(cp))
    expect(forged).toMatchObject({ kind: 'rejected' })
    expect(forged.message).toContain('invalid_signature')
    handler = (request, response) => {
      const signed = signRequest({
        secret,
        method: RESPONSE_SIGNING_METHOD,
        path: request.url,
        body: JSON.stringify(page),
      })
      response.writeHead(200, { 'content-type': 'application/json', ...signed.headers })
      response.end(JSON.stringify({ ...page, next_after: 'vk_x' }))
    }
    expect(await rejection(readAll(cp))).toMatchObject({ kind: 'rejected' })
    handler = (request, response) => {
      const text = JSON.stringify(page)
      const signed = signRequest({ secret, method: RESPONSE_SIGNING_METHOD, path: request.url, body: text })
      response.writeHead(200, {
        'content-type': 'application/json',
        ...signed.headers,
        [BOOTSTRAP_NEXT_HEADER]: 'vk_x',
      })
      response.end(text)
    }
    expect((await rejection(readAll(cp))).message).toContain('cursor')
  })

  it('reports a control plane without /bootstrap as rejected 404 and a bad page as transport', async () => {
    handler = (_request, response) =>
      json(response, 404, { error: { code: 'not_found', message: 'no route' } })
    const cp = client()
    expect(await rejection(readAll(cp))).toMatchObject({ kind: 'rejected', upstreamStatus: 404 })
    handler = (request, response) =>
      signedJson(response, request.url, {
        keys: [{ key_hash: 'not-hex', key_id: 'vk', claims: bootstrapClaims, config: {} }],
      })
    const bad = await rejection(readAll(cp))
    expect(bad).toMatchObject({ kind: 'transport' })
    expect(bad.message).toMatch(/keys\.0\.key_hash/)
  })

  it('long-polls changes, clamps the timeout, and reads the revision of a 204', async () => {
    handler = (request, response) => {
      if (request.url.includes('since=5')) {
        response.writeHead(204, { 'x-langwatch-revision': '5' })
        response.end()
        return
      }
      json(response, 200, {
        current_revision: '6',
        changes: [{ kind: 'VK_REVOKED', virtual_key_id: 'vk_1', revision: 6 }],
      })
    }
    const cp = client()
    const changed = await cp.getChanges({ organizationId: 'org 1', since: '4', timeoutSeconds: 90 })
    expect(changed).toEqual({
      currentRevision: '6',
      changes: [{ kind: 'VK_REVOKED', virtual_key_id: 'vk_1', revision: '6' }],
    })
    const url = new URL(seen[0]!.url, baseUrl)
    expect(url.pathname).toBe('/api/internal/gateway/changes')
    expect(url.searchParams.get('organization_id')).toBe('org 1')
    expect(url.searchParams.get('timeout_s')).toBe('25')
    expect(seen[0]!.verified).toEqual({ ok: true, scope: 'path-and-query' })
    expect(await cp.getChanges({ organizationId: 'o', since: '5', timeoutSeconds: 0 })).toEqual({
      currentRevision: '5',
      changes: [],
    })
    expect(new URL(seen[1]!.url, baseUrl).searchParams.get('timeout_s')).toBe('1')
  })

  it('aborts a long poll through its signal', async () => {
    handler = () => undefined
    const controller = new AbortController()
    const pending = client().getChanges({
      organizationId: 'o',
      since: '1',
      timeoutSeconds: 25,
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(), 20)
    expect(await rejection(pending)).toMatchObject({ kind: 'transport', code: 'service_unavailable' })
  })

  it('sends spend commands and guardrail checks', async () => {
    handler = (request, response) => {
      if (request.url.endsWith('/spend-commands')) json(response, 200, { accepted: 1, rejected: [] })
      else json(response, 200, { decision: 'block', reason: null, policies_triggered: ['pii'] })
    }
    const cp = client()
    const records = [
      {
        command: 'admitSpend' as const,
        payload: { gateway_request_id: 'r1', estimated_cost_micro_usd: 10 },
        pod_id: 'p',
        pod_seq: 1,
      },
    ]
    expect(await cp.sendSpendCommands(records)).toEqual({ accepted: 1, rejected: [] })
    expect(JSON.parse(seen[0]!.body)).toEqual({ records })
    const verdict = await cp.checkGuardrail({
      vk_id: 'vk_1',
      project_id: 'prj_1',
      direction: 'request',
      guardrail_ids: ['g1'],
      content: 'hello',
    })
    expect(verdict).toEqual({ decision: 'block', reason: '', policies_triggered: ['pii'] })
    expect(seen.every((request) => request.verified.ok)).toBe(true)
  })

  it('sends encoded spend records joined into one signed batch body, unchanged', async () => {
    handler = (_request, response) => json(response, 200, { accepted: 2, rejected: [] })
    const lines = [
      '{"command":"confirmSpend","payload":{"gateway_request_id":"r1","cost_micro_usd":5},"pod_id":"p","pod_seq":1}\n',
      '{"command":"failSpend","payload":{"gateway_request_id":"r2","reason":"x"},"pod_id":"p","pod_seq":2}\n',
    ]
    expect(await client().sendEncodedSpendCommands(lines)).toEqual({ accepted: 2, rejected: [] })
    expect(seen[0]!.body).toBe(`{"records":[${lines.join(',')}]}`)
    expect(JSON.parse(seen[0]!.body)).toEqual({ records: lines.map((line) => JSON.parse(line)) })
    expect(seen[0]!.verified.ok).toBe(true)
  })

  it('sends a prebuilt spend batch body as the bytes given, signed', async () => {
    handler = (_request, response) => json(response, 200, { accepted: 1, rejected: [] })
    const body = Buffer.from(
      '{"records":[{"command":"confirmSpend","payload":{"gateway_request_id":"r1","model":"é"},"pod_id":"p","pod_seq":1} ]}',
    )
    expect(await client().sendSpendCommandsBody(body)).toEqual({ accepted: 1, rejected: [] })
    expect(Buffer.from(seen[0]!.body)).toEqual(body)
    expect(seen[0]!.verified.ok).toBe(true)
  })

  it('reports a 400 on spend commands as rejected and health by status', async () => {
    handler = (request, response) => {
      if (request.url.endsWith('/health')) json(response, 200, { status: 'ok' })
      else json(response, 400, { error: { code: 'bad_request', message: 'records' } })
    }
    const cp = client()
    expect(await rejection(cp.sendSpendCommands([]))).toMatchObject({ kind: 'rejected', retryable: false })
    expect(await cp.health()).toEqual({ ok: true, status: 200 })
    handler = (_request, response) => json(response, 503, {})
    expect(await cp.health()).toEqual({ ok: false, status: 503 })
  })
})
