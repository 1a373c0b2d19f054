// Canonical request → Gemini `generateContent` request body (the model and streaming are in the URL).
import type { CanonicalRequest, CanonicalToolChoice } from '../../canonical/types.js'
import type { EncodeContext } from '../context.js'
import { reasoningEffort, thinkingBudget } from '../reasoning-budget.js'
import { encodeGeminiContents } from './encode-contents.js'
import { cleanGeminiSchema } from './schema.js'
import type {
  GeminiFunctionCallingConfig,
  GeminiFunctionDeclaration,
  GeminiGenerationConfig,
  GeminiRequest,
  GeminiThinkingConfig,
} from './types.js'

/** Largest thinking budget per family: Flash models stop at 24576, Pro at 32768. */
const maxFlashBudget = 24576
const maxProBudget = 32768

/** Gemini 3 models: thinking levels instead of budgets, and signatures required on function calls. */
const gemini3Pattern = /gemini-3/

/**
 * Writes a Gemini body. Notes: `user` and `metadata` have no Gemini field (`metadata` is reported
 * dropped); `parallelToolCalls: false` cannot be enforced (reported as `parallel_tool_calls`);
 * JSON mode is `responseMimeType: application/json` plus the cleaned schema.
 *
 * @example
 * encodeGeminiRequest(canonical, { model: 'gemini-2.5-flash', defaultMaxTokens: 4096, reasoningModel: true, drop })
 */
export function encodeGeminiRequest(request: CanonicalRequest, context: EncodeContext): GeminiRequest {
  const gemini3 = gemini3Pattern.test(context.model)
  const { contents, hoistedSystem } = encodeGeminiContents(request.messages, { requireSignatures: gemini3 })
  const body: GeminiRequest = { contents }
  const system = [...(request.system ?? []), ...hoistedSystem].filter((part) => part.text !== '')
  if (system.length > 0) body.systemInstruction = { parts: system.map((part) => ({ text: part.text })) }
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = [{ functionDeclarations: request.tools.map(encodeDeclaration) }]
    const config = encodeToolChoice(request.toolChoice)
    if (config !== undefined) body.toolConfig = { functionCallingConfig: config }
    if (request.parallelToolCalls === false) context.drop('parallel_tool_calls')
  }
  if (request.metadata !== undefined) context.drop('metadata')
  const generationConfig = encodeGenerationConfig(request)
  const thinkingConfig = encodeThinking(request, context, gemini3)
  if (thinkingConfig !== undefined) generationConfig.thinkingConfig = thinkingConfig
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig
  return body
}

function encodeDeclaration(tool: NonNullable<CanonicalRequest['tools']>[number]): GeminiFunctionDeclaration {
  const declaration: GeminiFunctionDeclaration = { name: tool.name }
  if (tool.description !== undefined && tool.description !== '') declaration.description = tool.description
  const parameters = cleanGeminiSchema(tool.parameters)
  // A function without arguments must omit `parameters`: Gemini refuses an object without properties.
  if (parameters.properties !== undefined) declaration.parameters = { ...parameters, type: 'object' }
  return declaration
}

function encodeToolChoice(choice: CanonicalToolChoice | undefined): GeminiFunctionCallingConfig | undefined {
  if (choice === undefined) return undefined
  if (choice === 'auto') return { mode: 'AUTO' }
  if (choice === 'none') return { mode: 'NONE' }
  if (choice === 'required') return { mode: 'ANY' }
  return { mode: 'ANY', allowedFunctionNames: [choice.name] }
}

function encodeGenerationConfig(request: CanonicalRequest): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {}
  if (request.temperature !== undefined) config.temperature = request.temperature
  if (request.topP !== undefined) config.topP = request.topP
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens
  if (request.stop !== undefined && request.stop.length > 0) config.stopSequences = request.stop
  const format = request.responseFormat
  if (format?.type === 'json_object' || format?.type === 'json_schema') {
    config.responseMimeType = 'application/json'
    if (format.type === 'json_schema') config.responseSchema = cleanGeminiSchema(format.schema)
  }
  return config
}

// Gemini 2.5 takes a token budget (0 turns thinking off on Flash); Gemini 3 takes a level.
function encodeThinking(
  request: CanonicalRequest,
  context: EncodeContext,
  gemini3: boolean,
): GeminiThinkingConfig | undefined {
  const reasoning = request.reasoning
  if (reasoning === undefined) return undefined
  if (!context.reasoningModel) {
    context.drop('reasoning')
    return undefined
  }
  const effort = reasoningEffort(reasoning)
  if (effort === 'none') {
    if (!gemini3 && context.model.includes('flash')) return { thinkingBudget: 0 }
    // Pro and Gemini 3 models cannot stop thinking.
    context.drop('reasoning')
    return undefined
  }
  if (gemini3) {
    return { thinkingLevel: effort === 'minimal' || effort === 'low' ? 'low' : 'high', includeThoughts: true }
  }
  const budget = thinkingBudget(reasoning)
  if (budget === undefined) return undefined
  const max = context.model.includes('flash') ? maxFlashBudget : maxProBudget
  return { thinkingBudget: Math.min(budget, max), includeThoughts: true }
}
