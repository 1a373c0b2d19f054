// Walks a parsed request once for tool names, MCP servers and URLs and checks each against the policy.
import { checkValue, type PolicyViolation } from './check-value.js'
import type { CompiledDimension, CompiledPolicy } from './compile-policy.js'
import { findUrls } from './find-urls.js'

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** A server passes when no identifier is denied and, with an allow-list, one identifier is allowed. */
function checkMcpServer(dimension: CompiledDimension, server: unknown): PolicyViolation | undefined {
  const ids = isObject(server)
    ? [server.name, server.server_label, server.label, server.url, server.server_url].filter(
        (id): id is string => typeof id === 'string' && id !== '',
      )
    : typeof server === 'string'
      ? [server]
      : []
  if (ids.length === 0) return undefined
  const denyOnly: CompiledDimension = { deny: dimension.deny, allow: null }
  let allowMiss: PolicyViolation | undefined
  for (const id of ids) {
    const denied = checkValue('mcp', denyOnly, id)
    if (denied !== undefined) return denied
    if (dimension.allow === null) continue
    const missed = checkValue('mcp', { deny: [], allow: dimension.allow }, id)
    if (missed === undefined) return undefined
    allowMiss ??= missed
  }
  return dimension.allow === null ? undefined : allowMiss
}

function checkMcpList(dimension: CompiledDimension, list: unknown): PolicyViolation | undefined {
  if (list === undefined || list === null) return undefined
  for (const server of Array.isArray(list) ? list : [list]) {
    const violation = checkMcpServer(dimension, server)
    if (violation !== undefined) return violation
  }
  return undefined
}

/** The name a tool definition is known by, on every wire; built-in tools by their `type`. */
function toolNameOf(tool: Json): string | undefined {
  if (isObject(tool.function)) return asString(tool.function.name)
  if (isObject(tool.toolSpec)) return asString(tool.toolSpec.name)
  return asString(tool.name) ?? (tool.type !== 'function' ? asString(tool.type) : undefined)
}

function checkTools(policy: CompiledPolicy, tools: unknown): PolicyViolation | undefined {
  if (!Array.isArray(tools)) return undefined
  for (const tool of tools) {
    if (!isObject(tool)) continue
    if (tool.type === 'mcp') {
      const violation = policy.mcp === undefined ? undefined : checkMcpServer(policy.mcp, tool)
      if (violation !== undefined) return violation
      continue
    }
    if (policy.tools === undefined) continue
    // Gemini groups declarations: tools[].functionDeclarations[].name
    if (Array.isArray(tool.functionDeclarations)) {
      for (const declaration of tool.functionDeclarations) {
        const name = isObject(declaration) ? asString(declaration.name) : undefined
        const violation = name === undefined ? undefined : checkValue('tools', policy.tools, name)
        if (violation !== undefined) return violation
      }
      continue
    }
    const name = toolNameOf(tool)
    const violation = name === undefined ? undefined : checkValue('tools', policy.tools, name)
    if (violation !== undefined) return violation
  }
  return undefined
}

/** Every string of the body, iteratively (no recursion: deep JSON cannot overflow the stack). */
function checkUrls(dimension: CompiledDimension, body: Json): PolicyViolation | undefined {
  const visitUrl = (url: string) => checkValue('urls', dimension, url)
  const stack: unknown[] = [body]
  while (stack.length > 0) {
    const node = stack.pop()
    if (typeof node === 'string') {
      const violation = findUrls(node, visitUrl)
      if (violation !== undefined) return violation
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push(node[i])
    } else if (isObject(node)) {
      for (const key in node) stack.push(node[key])
    }
  }
  return undefined
}

/**
 * Checks the request part of a policy on a parsed body: tool names (`tools[]` of every wire, Gemini
 * `functionDeclarations`, Bedrock `toolConfig.tools[].toolSpec`), MCP servers (`mcp`, `mcps`,
 * `mcp_servers`, Responses `type: "mcp"` tools: by name, label or URL) and every http(s) URL in
 * any string of the body. Reads the parsed object in place: nothing is re-serialised.
 *
 * @example
 * const violation = checkRequestPolicy(policy, JSON.parse(body))
 * if (violation) throw policyViolationError(violation)
 */
export function checkRequestPolicy(policy: CompiledPolicy, body: Json): PolicyViolation | undefined {
  if (policy.tools !== undefined || policy.mcp !== undefined) {
    const violation =
      checkTools(policy, body.tools) ??
      (isObject(body.toolConfig) ? checkTools(policy, body.toolConfig.tools) : undefined)
    if (violation !== undefined) return violation
  }
  if (policy.mcp !== undefined) {
    const violation =
      checkMcpList(policy.mcp, body.mcp_servers) ??
      checkMcpList(policy.mcp, body.mcp) ??
      checkMcpList(policy.mcp, body.mcps)
    if (violation !== undefined) return violation
  }
  return policy.urls === undefined ? undefined : checkUrls(policy.urls, body)
}

/**
 * Checks the names a request's model goes by (the requested one, then the resolved ones, e.g.
 * `gpt-4o` and `openai/gpt-4o`) against the `models` rules: denied when any name matches a
 * deny pattern; with an allow-list, allowed when any name matches it (an allow miss reports the
 * first name).
 *
 * @example
 * checkModelPolicy(policy, ['fast', 'gpt-4o-mini', 'openai/gpt-4o-mini'])
 */
export function checkModelPolicy(
  policy: CompiledPolicy,
  models: readonly string[],
): PolicyViolation | undefined {
  const dimension = policy.models
  if (dimension === undefined || models.length === 0) return undefined
  const denyOnly: CompiledDimension = { deny: dimension.deny, allow: null }
  for (const model of models) {
    const violation = checkValue('models', denyOnly, model)
    if (violation !== undefined) return violation
  }
  if (dimension.allow === null) return undefined
  const allowOnly: CompiledDimension = { deny: [], allow: dimension.allow }
  if (models.some((model) => checkValue('models', allowOnly, model) === undefined)) return undefined
  return checkValue('models', allowOnly, models[0]!)
}
