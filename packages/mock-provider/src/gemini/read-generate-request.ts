// Reads what the mock needs from a Gemini `generateContent` request body (Gemini API and Vertex).
import { countTextChars, countToolChars } from '../count-text.js'
import { MockInputError } from '../exchange.js'
import type { ToolChoice, ToolSpec, TurnRequest } from '../plan-turn.js'
import { estimateTokens } from '../reply-text.js'

/** The generate request as the mock sees it. */
export interface GenerateRequest {
  /** Thought parts are sent only when `thinkingConfig.includeThoughts` is true. */
  includeThoughts: boolean
  turn: TurnRequest
}

type Declaration = { name?: unknown; parameters?: unknown; parametersJsonSchema?: unknown }

function readTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return []
  const specs: ToolSpec[] = []
  for (const tool of tools) {
    const declarations = (tool as { functionDeclarations?: Declaration[] })?.functionDeclarations
    if (!Array.isArray(declarations)) continue
    for (const declaration of declarations) {
      if (typeof declaration?.name !== 'string') continue
      specs.push({
        name: declaration.name,
        schema: declaration.parameters ?? declaration.parametersJsonSchema,
      })
    }
  }
  return specs
}

function readToolChoice(toolConfig: unknown): ToolChoice {
  const config = (
    toolConfig as { functionCallingConfig?: { mode?: unknown; allowedFunctionNames?: unknown } }
  )?.functionCallingConfig
  const mode = typeof config?.mode === 'string' ? config.mode.toUpperCase() : 'AUTO'
  if (mode === 'NONE') return { mode: 'none' }
  if (mode === 'ANY') {
    const allowed = config?.allowedFunctionNames
    if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string') {
      return { mode: 'tool', name: allowed[0] }
    }
    return { mode: 'required' }
  }
  return { mode: 'auto' }
}

function endsWithFunctionResponse(contents: unknown[]): boolean {
  const parts = (contents.at(-1) as { parts?: unknown })?.parts
  return (
    Array.isArray(parts) && parts.some((part) => (part as { functionResponse?: unknown })?.functionResponse)
  )
}

/**
 * Validates and extracts a generate request. Thinking models (gemini-2.5, gemini-3) reason
 * unless `thinkingBudget` is 0; others only when a `thinkingConfig` asks.
 *
 * @example
 * readGenerateRequest({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] }, 'gemini-2.0-flash')
 */
export function readGenerateRequest(body: Record<string, unknown>, model: string): GenerateRequest {
  const { contents } = body
  if (!Array.isArray(contents) || contents.length === 0) {
    throw new MockInputError(400, '* GenerateContentRequest.contents: contents is not specified')
  }
  const generationConfig = body.generationConfig as { thinkingConfig?: Record<string, unknown> } | undefined
  const thinking = generationConfig?.thinkingConfig
  const thinksByDefault = /gemini-(?:2\.5|3)/.test(model)
  const reasoning = thinking?.thinkingBudget !== 0 && (thinking !== undefined || thinksByDefault)
  return {
    includeThoughts: reasoning && thinking?.includeThoughts === true,
    turn: {
      tools: readTools(body.tools),
      toolChoice: readToolChoice(body.toolConfig),
      parallelToolCalls: true,
      lastIsToolResult: endsWithFunctionResponse(contents),
      reasoning,
      inputTokens: estimateTokens(
        countTextChars({ contents, systemInstruction: body.systemInstruction }) + countToolChars(body.tools),
      ),
    },
  }
}
