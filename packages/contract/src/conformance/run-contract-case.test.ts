import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyRequest } from '../hmac.js'
import type { ContractCase } from './contract-case.js'
import { type ContractValues, fillPlaceholders } from './fill-fixture.js'
import { type ContractTarget, runContractCase } from './run-contract-case.js'

const secret = 'conformance-test-secret-0123456789ab'
const values: ContractValues = {
  key: 'lw_vk_live_abc',
  vk_id: 'vk_1',
  project_id: 'p_1',
  organization_id: 'o_1',
  provider_id: 'mp_1',
  run: 'r1',
}

/** The next answer the stub gives, and what it saw. */
let answer: { status: number; body?: string; headers?: Record<string, string> } = { status: 200 }
const seen: { path: string; body: string; signatureOk: boolean }[] = []

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let body = ''
  for await (const chunk of request) body += String(chunk)
  const path = request.url ?? ''
  const verdict = verifyRequest({
    secret,
    method: request.method ?? '',
    path: path.split('?')[0] ?? '',
    body,
    signature: (request.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined) ?? null,
    timestamp: (request.headers[TIMESTAMP_HEADER.toLowerCase()] as string | undefined) ?? null,
  })
  seen.push({ path, body, signatureOk: verdict.ok })
  response.writeHead(answer.status, answer.headers ?? { 'content-type': 'application/json' })
  response.end(answer.body ?? '')
}

let server: Server
let target: ContractTarget

beforeAll(async () => {
  server = createServer((request, response) => void handle(request, response))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  target = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    internalSecret: secret,
    values,
  }
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const resolveCase: ContractCase = {
  name: 'resolve',
  method: 'POST',
  path: '/resolve-key',
  fixture: 'resolve-key.json',
  outcomes: [
    { status: 200, body: v.object({ jwt: v.string() }) },
    { status: 501, error: { code: 'not_implemented' } },
  ],
}

describe('runContractCase', () => {
  it('sends the recorded body filled with the target ids, signed over the path without its query', async () => {
    answer = { status: 200, body: '{"jwt":"x"}' }
    const result = await runContractCase(target, { ...resolveCase, path: '/resolve-key?probe=1' })
    expect(result).toMatchObject({ ok: true, status: 200, problems: [] })
    expect(seen.at(-1)).toEqual({
      path: '/api/internal/gateway/resolve-key?probe=1',
      body: '{"key_presented":"lw_vk_live_abc"}',
      signatureOk: true,
    })
  })

  it('passes an answer that matches a later outcome', async () => {
    answer = { status: 501, body: '{"error":{"type":"api_error","code":"not_implemented","message":"no"}}' }
    expect((await runContractCase(target, resolveCase)).ok).toBe(true)
  })

  it('fails a route that is missing, naming the status for every outcome', async () => {
    answer = { status: 404, body: '{"error":{"type":"not_found_error","code":"not_found","message":"no"}}' }
    const result = await runContractCase(target, resolveCase)
    expect(result.ok).toBe(false)
    expect(result.problems).toEqual(['status 404, expected 200', 'status 404, expected 501'])
  })

  it('fails a body that misses a field, and an envelope with another code', async () => {
    answer = { status: 200, body: '{"token":"x"}' }
    expect((await runContractCase(target, resolveCase)).problems[0]).toMatch(/field "jwt"/)
    answer = { status: 501, body: '{"error":{"type":"api_error","code":"internal_error","message":"no"}}' }
    expect((await runContractCase(target, resolveCase)).problems[1]).toBe(
      'status 501 with error code internal_error, expected not_implemented',
    )
  })

  it('requires the headers an outcome names', async () => {
    answer = { status: 204, headers: {} }
    const changes: ContractCase = {
      name: 'changes',
      method: 'GET',
      path: '/changes?organization_id={{organization_id}}',
      outcomes: [{ status: 204, headers: ['x-langwatch-revision'] }],
    }
    expect((await runContractCase(target, changes)).problems).toEqual([
      'status 204 without header x-langwatch-revision',
    ])
    expect(seen.at(-1)?.path).toBe('/api/internal/gateway/changes?organization_id=o_1')
  })
})

describe('fillPlaceholders', () => {
  it('escapes values for a JSON string and refuses unknown names', () => {
    expect(fillPlaceholders('{"k":"{{key}}"}', { ...values, key: 'a"b' })).toBe('{"k":"a\\"b"}')
    expect(() => fillPlaceholders('{{nope}}', values)).toThrow('Unknown placeholder {{nope}}')
  })
})
