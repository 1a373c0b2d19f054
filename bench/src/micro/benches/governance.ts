// Governance steps (issue 17): policy scan and local guardrails per request, and the early return of a key without any.
import { parseGatewayKeyConfig } from '@gw/contract'
import {
  checkModelPolicy,
  checkRequestPolicy,
  findTextSlots,
  governanceOf,
  requestTextFields,
  runGuardrails,
} from '@gw/guardrails'
import { type PreparedBenchmark, registerMicro, type SkippedBenchmark, skip } from '../registry.js'

type Json = Record<string, unknown>

// A typical chat request: a system prompt, three turns, two tools, one URL in the prose.
const typicalChat: Json = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a concise assistant for the support team. Answer in English.' },
    {
      role: 'user',
      content: 'What does https://docs.example.com/limits say about the rate limits for the pro plan?',
    },
    { role: 'assistant', content: 'The pro plan allows 600 requests per minute and 1M tokens per day.' },
    { role: 'user', content: 'And what happens when we go over? Please keep it short.' },
  ],
  tools: [
    {
      type: 'function',
      function: { name: 'search_docs', description: 'Search the docs', parameters: { type: 'object' } },
    },
    {
      type: 'function',
      function: { name: 'get_ticket', description: 'Read a ticket', parameters: { type: 'object' } },
    },
  ],
}

// ~100 KB: 200 messages of ~500 characters of prose, every tenth with a URL.
const paragraph = 'The quarterly report covers revenue, churn and the support backlog in detail. '.repeat(6)
const largeBody: Json = {
  model: 'gpt-4o-mini',
  messages: Array.from({ length: 200 }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: i % 10 === 0 ? `${paragraph} See https://intranet.example.com/reports/${i}.` : paragraph,
  })),
}

const governedConfig = {
  project_id: 'p',
  policy_rules: {
    tools: { deny: ['^exec', 'shell'], allow: null },
    urls: { deny: ['^https?://([^/]*\\.)?evil\\.test'], allow: null },
    models: { deny: ['^gpt-3'], allow: null },
  },
  guardrails: [
    { id: 'pii', evaluator: 'pii', direction: 'pre', failure_mode: 'fail_closed', settings: {} },
    {
      id: 'words',
      evaluator: 'regex',
      direction: 'pre',
      failure_mode: 'fail_closed',
      settings: { patterns: ['(?:drop|truncate) table'] },
    },
  ],
}

async function prepare(
  kind: 'none' | 'policy' | 'policy+guardrails' | 'policy-100kb',
): Promise<PreparedBenchmark | SkippedBenchmark> {
  if (kind === 'none') {
    const config = parseGatewayKeyConfig({ project_id: 'p' })
    return { operation: () => governanceOf(config) }
  }
  const governance = governanceOf(parseGatewayKeyConfig(governedConfig))
  const policy = governance?.policy
  const pre = governance?.guardrails?.pre
  if (policy === undefined || policy === null || pre === undefined)
    return skip('governed config did not compile')
  if (kind === 'policy-100kb') {
    if (JSON.stringify(largeBody).length < 95_000) return skip('large body is not ~100 KB')
    return {
      operation: () => checkRequestPolicy(policy, largeBody),
      note: `${JSON.stringify(largeBody).length} B body`,
    }
  }
  if (kind === 'policy')
    return {
      operation: () => checkRequestPolicy(policy, typicalChat) ?? checkModelPolicy(policy, ['gpt-4o-mini']),
    }
  const options = { timeoutMs: 800 }
  return {
    operation: async () => {
      checkRequestPolicy(policy, typicalChat) ?? checkModelPolicy(policy, ['gpt-4o-mini'])
      const slots = findTextSlots(typicalChat, requestTextFields)
      const outcome = await runGuardrails(
        pre,
        { stage: 'pre', texts: slots.texts, totalChars: 400, final: true },
        options,
      )
      if (outcome.decision !== 'allow') throw new Error('typical chat should pass')
    },
  }
}

registerMicro({
  name: 'governance: key without any',
  description: 'governanceOf(config) for a key with no policy, guardrails or cache rules (the early return)',
  preDispatch: true,
  setup: () => prepare('none'),
})

registerMicro({
  name: 'policy: typical chat',
  description: 'Tool, URL and model rules over a 4-message chat request with 2 tools',
  setup: () => prepare('policy'),
})

registerMicro({
  name: 'policy + local guardrails: typical chat',
  description: 'Policy, then pii + regex guardrails (pre) over the same request, awaited',
  setup: () => prepare('policy+guardrails'),
})

registerMicro({
  name: 'policy scan: 100 KB body',
  description: 'URL rules over every string of a ~100 KB chat request (200 messages)',
  setup: () => prepare('policy-100kb'),
})
