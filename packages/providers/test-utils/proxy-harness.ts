// Test helper: a minimal gateway-like server that forwards every request with a ProviderClient.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { toAnthropicErrorEnvelope } from '@gw/contract'
import {
  type ClientForwardRequest,
  createProviderClient,
  type ProviderClient,
  type ProviderClientOptions,
} from '../src/client/create-provider-client.js'
import type { ForwardResult } from '../src/dispatch/dispatch-types.js'
import type { ClientApi } from '../src/spec/client-api.js'
import { scanRequest } from '../src/validate/scan-request.js'
import { type LoopbackServer, readBody, startLoopbackServer } from './loopback-server.js'
import { type ScriptedUpstream, startScriptedUpstream } from './scripted-upstream.js'

const apiByPath: Record<string, ClientApi> = {
  '/v1/chat/completions': 'openai-chat',
  '/v1/responses': 'openai-responses',
  '/v1/embeddings': 'openai-embeddings',
  '/v1/messages': 'anthropic-messages',
  '/v1/messages/count_tokens': 'anthropic-count-tokens',
}

/** A running harness; `results` and `errors` collect what each forward ended with. */
export interface ProxyHarness extends LoopbackServer {
  results: ForwardResult[]
  errors: unknown[]
}

/** Polls `predicate` every 5 ms until true; rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * Starts the harness around `client`; `extra` is merged into every forward request. With `scan`,
 * each body's top level is read from its bytes first, as the gateway does (`scanned`).
 */
export async function startProxyHarness(
  client: ProviderClient,
  extra: Partial<ClientForwardRequest> = {},
  options: { scan?: boolean } = {},
): Promise<ProxyHarness> {
  const results: ForwardResult[] = []
  const errors: unknown[] = []
  const server = await startLoopbackServer((request, response) => {
    const [path = '', query = ''] = (request.url ?? '').split('?')
    const api = apiByPath[path] ?? 'openai-chat'
    void readBody(request)
      .then((body) =>
        client.forward({
          api,
          body,
          headers: request.headers,
          query: query === '' ? '' : `?${query}`,
          sink: response,
          extraHeaders: { 'x-request-id': 'req-test-1' },
          scanned: options.scan === true ? scanRequest(api, body) : undefined,
          ...extra,
        }),
      )
      .then(
        (result) => results.push(result),
        (error: { status?: number; code?: string; message?: string }) => {
          errors.push(error)
          const status = error.status ?? 500
          const body =
            api === 'anthropic-messages'
              ? toAnthropicErrorEnvelope(status, error.code ?? 'internal_error', error.message ?? '')
              : { error: { code: error.code, message: error.message } }
          response.writeHead(status, { 'content-type': 'application/json' })
          response.end(JSON.stringify(body))
        },
      )
  })
  return { ...server, results, errors }
}

/** A raw response: status, headers and the exact body bytes. */
export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/** Sends one request with node:http and returns the exact bytes received. */
export function sendRaw(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}${options.path}`,
      {
        method: options.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        )
      },
    )
    request.on('error', reject)
    request.end(options.body)
  })
}

/** Two scripted upstreams, a provider client over them and a harness around the client. */
export interface ForwardRig {
  primary: ScriptedUpstream
  secondary: ScriptedUpstream
  client: ProviderClient
  harness: ProxyHarness
  /** Forgets what the upstreams received and the harness collected (between tests). */
  reset(): void
  close(): Promise<void>
}

/**
 * Starts a {@link ForwardRig}: `options` builds the client's options from the upstreams' URLs.
 *
 * @example
 * const rig = await startForwardRig(({ primary }) => ({
 *   providers: [{ id: 'openai-a', type: 'openai', baseUrl: `${primary}/v1`, credentials: { api_key: 'a' } }],
 * }))
 */
export async function startForwardRig(
  options: (urls: { primary: string; secondary: string }) => ProviderClientOptions,
  harnessOptions: { scan?: boolean } = {},
): Promise<ForwardRig> {
  const primary = await startScriptedUpstream()
  const secondary = await startScriptedUpstream()
  const client = createProviderClient(options({ primary: primary.url, secondary: secondary.url }))
  const harness = await startProxyHarness(client, {}, harnessOptions)
  return {
    primary,
    secondary,
    client,
    harness,
    reset() {
      primary.requests.length = 0
      secondary.requests.length = 0
      harness.results.length = 0
    },
    async close() {
      await harness.close()
      await client.close()
      await primary.close()
      await secondary.close()
    },
  }
}
