import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Harness, startHarness } from '../test-utils/harness.js'

interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

// A loopback OTLP destination that records what it receives.
async function startDestination(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body })
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"partialSuccess":{}}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server }
}

function exportOf(name: string): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'lw-gateway' } }] },
        scopeSpans: [
          { scope: { name: 'test' }, spans: [{ name, traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) }] },
        ],
      },
    ],
  })
}

describe('customer trace bridge /api/otel/v1/traces', () => {
  let h: Harness
  let destination: Awaited<ReturnType<typeof startDestination>>
  const projects: Record<'a' | 'b', string> = { a: '', b: '' }

  async function post(token: string | undefined, body: string, contentType = 'application/json') {
    return fetch(`${h.cp.url}/api/otel/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(token === undefined ? {} : { 'x-auth-token': token }) },
      body,
    })
  }

  beforeAll(async () => {
    h = await startHarness()
    destination = await startDestination()
    const org = (await h.admin('POST', '/organizations', { name: 'Bridge', slug: 'bridge' })).body as {
      id: string
    }
    for (const name of ['a', 'b'] as const) {
      const project = await h.admin('POST', '/projects', {
        organization_id: org.id,
        name: `p-${name}`,
        otlp_token: `token-${name}-0123456789`,
      })
      projects[name] = (project.body as { id: string }).id
    }
  })
  afterAll(async () => {
    destination?.server.close()
    await h?.close()
  })

  it('refuses an export without a token or with an unknown one', async () => {
    for (const token of [undefined, 'token-nobody-0123456789']) {
      const response = await post(token, exportOf('x'))
      expect(response.status).toBe(401)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unauthorized')
    }
  })

  it("keeps a project's spans for the admin API when it has no destination, per project", async () => {
    expect((await post('token-a-0123456789', exportOf('span-of-a'))).status).toBe(200)
    const spansOfA = await h.admin('GET', `/projects/${projects.a}/spans`)
    expect(spansOfA.body).toMatchObject({ data: [{ span: { name: 'span-of-a' } }] })
    const spansOfB = await h.admin('GET', `/projects/${projects.b}/spans`)
    expect(spansOfB.body).toEqual({ data: [] })
  })

  it('refuses protobuf it cannot keep, and other media types', async () => {
    expect((await post('token-a-0123456789', 'x', 'application/x-protobuf')).status).toBe(415)
    expect((await post('token-a-0123456789', 'x', 'text/plain')).status).toBe(415)
  })

  it("forwards to the project's destination with its headers, which the admin API shows masked", async () => {
    const put = await h.admin('PUT', `/projects/${projects.b}/trace-settings`, {
      endpoint: destination.url,
      headers: { authorization: 'Bearer destination-secret-123' },
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ endpoint: destination.url, headers: { authorization: 'Bea…-123' } })
    expect(put.text).not.toContain('destination-secret')
    const response = await post('token-b-0123456789', exportOf('span-of-b'))
    expect(response.status).toBe(200)
    expect(destination.received).toHaveLength(1)
    expect(destination.received[0]).toMatchObject({
      path: '/v1/traces',
      headers: expect.objectContaining({ authorization: 'Bearer destination-secret-123' }),
    })
    expect(destination.received[0]?.headers['x-auth-token']).toBeUndefined()
    expect(destination.received[0]?.body).toContain('span-of-b')
    const view = await h.admin('GET', `/projects/${projects.b}/trace-settings`)
    expect(view.body).toMatchObject({ capture_content: false, headers: { authorization: 'Bea…-123' } })
  })

  it('answers 503 when the destination cannot be reached, so the exporter retries', async () => {
    await h.admin('PUT', `/projects/${projects.a}/trace-settings`, { endpoint: 'http://127.0.0.1:9' })
    const response = await post('token-a-0123456789', exportOf('lost'))
    expect(response.status).toBe(503)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('service_unavailable')
  })

  it('validates the settings and names the field', async () => {
    const response = await h.admin('PUT', `/projects/${projects.a}/trace-settings`, { endpoint: 'ftp://x' })
    expect(response.status).toBe(400)
    expect(response.text).toContain('endpoint')
    expect((await h.admin('PUT', '/projects/proj_nope/trace-settings', {})).status).toBe(404)
  })
})
