// The request body's own work on a coding agent's 200 KB turn: the top-level scan every request
// pays, the splice a chat stream needs (`stream_options.include_usage` for the usage chunk), and
// what a tool policy reads of it.
import { parseGatewayKeyConfig } from '@gw/contract'
import { checkRequestPolicy, governanceOf } from '@gw/guardrails'
import { createOpenAIAdapter, scanRequest, toolPolicyFields } from '@gw/providers'
import { prepareBody } from '@gw/providers/internal'
import { createSizedBodies } from '../../e2e/bodies.js'
import { type PreparedBenchmark, registerMicro, type SkippedBenchmark, skip } from '../registry.js'

const bodies = createSizedBodies('gpt-4o-mini', 200_000)
const chat = Buffer.from(bodies.chat)
const stream = Buffer.from(bodies.stream)

registerMicro({
  name: 'request body scan: 200 KB agent turn',
  description: 'Top-level fields and the wire contract read from the bytes (no JSON.parse)',
  async setup(): Promise<PreparedBenchmark | SkippedBenchmark> {
    if (scanRequest('openai-chat', chat)?.valid !== true) return skip('the scan did not pass the body')
    return { operation: () => scanRequest('openai-chat', chat) }
  },
})

registerMicro({
  name: 'request body splice: 200 KB chat stream',
  description:
    'stream_options.include_usage set where the scan found the fields; the client bytes sent as pieces, not copied',
  async setup(): Promise<PreparedBenchmark | SkippedBenchmark> {
    const scanned = scanRequest('openai-chat', stream)
    if (scanned === undefined) return skip('the scan could not read the body')
    const adapter = createOpenAIAdapter({
      id: 'openai',
      type: 'openai',
      credentials: { api_key: 'sk-bench' },
    })
    const parse = (): Record<string, unknown> => {
      throw new Error('the splice parsed the body')
    }
    const run = () => prepareBody('openai-chat', stream, scanned, adapter, 'gpt-4o-mini', parse)
    if (!run().stripUsageChunk) return skip('no stream_options were spliced')
    return { operation: run }
  },
})

registerMicro({
  name: 'tool policy: 200 KB agent turn',
  description:
    'A deny rule on tool names checked against the turn’s `tools`, parsed alone from where the scan found them (no parse of the messages)',
  async setup(): Promise<PreparedBenchmark | SkippedBenchmark> {
    const layout = scanRequest('openai-chat', chat)?.layout
    if (layout === undefined) return skip('the scan could not read the body')
    const config = parseGatewayKeyConfig({
      project_id: 'bench',
      policy_rules: { tools: { deny: ['^shell_exec$'], allow: null } },
    })
    const policy = governanceOf(config)?.policy
    if (policy === undefined || policy === null) return skip('the policy did not compile')
    const run = () => {
      const fields = toolPolicyFields(layout)
      if (fields === undefined) throw new Error('the tools did not parse')
      return checkRequestPolicy(policy, fields)
    }
    if (!Array.isArray(toolPolicyFields(layout)?.tools)) return skip('the turn carries no tools')
    return { operation: run }
  },
})
