// Sends one contract case to a control plane, signed as LangWatch's gateway signs, and judges the answer.
import { request } from 'undici'
import * as v from 'valibot'
import { signRequest } from '../hmac.js'
import type { ContractCase, ContractOutcome } from './contract-case.js'
import { type ContractValues, fillPlaceholders, loadFixture } from './fill-fixture.js'

/** The control plane under test. */
export interface ContractTarget {
  /** Origin, e.g. `http://127.0.0.1:5560`. */
  baseUrl: string
  /** `LW_GATEWAY_INTERNAL_SECRET` of the target. */
  internalSecret: string
  values: ContractValues
  /** Sent as `X-LangWatch-Gateway-Node`. Default: `gw-contract-suite`. */
  nodeId?: string
  /** Clock in ms for the signature timestamp. Default: `Date.now`. */
  now?: () => number
}

/** What one case got and whether it matched an outcome. */
export interface ContractCaseResult {
  ok: boolean
  status: number
  body: unknown
  /** Why no outcome matched (one line per outcome tried); empty when `ok`. */
  problems: string[]
}

const envelopeSchema = v.object({
  error: v.object({ type: v.string(), code: v.string(), message: v.string() }),
})

const BASE_PATH = '/api/internal/gateway'

function judge(outcome: ContractOutcome, status: number, headers: Headers, text: string): string | undefined {
  if (status !== outcome.status) return `status ${status}, expected ${outcome.status}`
  for (const name of outcome.headers ?? []) {
    if (!headers.has(name)) return `status ${status} without header ${name}`
  }
  if (outcome.body === undefined && outcome.error === undefined) {
    return text === '' ? undefined : `status ${status} with a body, expected none`
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return `status ${status} with a body that is not JSON: ${text.slice(0, 120)}`
  }
  const schema = outcome.body ?? envelopeSchema
  const parsed = v.safeParse(schema, json)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    return `status ${status}: field "${v.getDotPath(issue) ?? '(root)'}": ${issue.message}`
  }
  const code = outcome.error?.code
  if (code !== undefined) {
    const actual = (json as v.InferOutput<typeof envelopeSchema>).error.code
    if (actual !== code) return `status ${status} with error code ${actual}, expected ${code}`
  }
  return outcome.verify?.(json)
}

/**
 * Sends `contractCase` to `target`: body from its fixture (filled), HMAC signature over the path
 * without its query (LangWatch's gateway's form), and checks the answer against each outcome.
 *
 * @example
 * const result = await runContractCase(target, controlPlaneContractCases[0])
 * if (!result.ok) console.log(result.problems)
 */
export async function runContractCase(
  target: ContractTarget,
  contractCase: ContractCase,
): Promise<ContractCaseResult> {
  const { values } = target
  const path = `${BASE_PATH}${fillPlaceholders(contractCase.path, values)}`
  const body =
    contractCase.fixture !== undefined
      ? await loadFixture(contractCase.fixture, values)
      : ((await contractCase.buildBody?.(values)) ?? '')
  const question = path.indexOf('?')
  const signed = signRequest({
    secret: target.internalSecret,
    method: contractCase.method,
    path: question === -1 ? path : path.slice(0, question),
    body,
    timestamp: Math.floor((target.now ?? Date.now)() / 1000),
    nodeId: target.nodeId ?? 'gw-contract-suite',
  })
  const extra: Record<string, string> = {}
  for (const [name, value] of Object.entries(contractCase.headers ?? {})) {
    extra[name] = fillPlaceholders(value, values)
  }
  const response = await request(new URL(path, target.baseUrl), {
    method: contractCase.method,
    headers: {
      ...(body === '' ? {} : { 'content-type': 'application/json' }),
      ...signed.headers,
      ...extra,
    },
    ...(body === '' ? {} : { body }),
  })
  const text = await response.body.text()
  const headers = new Headers()
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  const problems: string[] = []
  for (const outcome of contractCase.outcomes) {
    const problem = judge(outcome, response.statusCode, headers, text)
    if (problem === undefined)
      return { ok: true, status: response.statusCode, body: parseOrText(text), problems: [] }
    problems.push(problem)
  }
  return { ok: false, status: response.statusCode, body: parseOrText(text), problems }
}

function parseOrText(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text)
  } catch {
    return text
  }
}
