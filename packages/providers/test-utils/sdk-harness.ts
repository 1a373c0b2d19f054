// Test helper: the official SDKs pointed at a proxy harness over a provider client and the mock.
import Anthropic from '@anthropic-ai/sdk'
import type { MockProvider } from '@gw/mock-provider'
import OpenAI from 'openai'
import type { ProviderClient } from '../src/client/create-provider-client.js'
import type { ForwardResult } from '../src/dispatch/dispatch-types.js'
import { type ProxyHarness, startProxyHarness, waitFor } from './proxy-harness.js'

/** A proxy harness over `client` and both SDKs aimed at it. */
export interface SdkHarness {
  harness: ProxyHarness
  openai: OpenAI
  anthropic: Anthropic
}

/** Starts the harness and builds the SDK clients (no retries, so each test sees one attempt). */
export async function startSdkHarness(client: ProviderClient): Promise<SdkHarness> {
  const harness = await startProxyHarness(client)
  return {
    harness,
    openai: new OpenAI({ apiKey: 'lw', baseURL: `${harness.url}/v1`, maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey: 'lw', baseURL: harness.url, maxRetries: 0 }),
  }
}

/** Between tests: forget recorded upstream requests, queued behaviours and forward results. */
export function resetSdkHarness(mock: MockProvider, harness: ProxyHarness): void {
  mock.reset()
  harness.results.length = 0
}

/** After the file: close the harness, the client's pools, then the mock. */
export async function closeSdkHarness(
  harness: ProxyHarness,
  client: ProviderClient,
  mock: MockProvider,
): Promise<void> {
  await harness.close()
  await client.close()
  await mock.close()
}

/** The one forward result of the test's request, once the harness has recorded it. */
export async function onlyResult(harness: ProxyHarness): Promise<ForwardResult | undefined> {
  await waitFor(() => harness.results.length === 1)
  return harness.results[0]
}
