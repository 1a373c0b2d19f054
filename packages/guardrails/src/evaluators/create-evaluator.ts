// Builds a built-in evaluator from its name and settings; unknown names are left to the control plane.
import * as v from 'valibot'
import type { GuardrailEvaluator } from './evaluator-types.js'
import { createHttpEvaluator, type FetchLike, httpSettingsSchema } from './http-evaluator.js'
import { createJsonSchemaEvaluator, jsonSchemaSettingsSchema } from './json-schema-evaluator.js'
import { createPiiEvaluator, piiSettingsSchema } from './pii-evaluator.js'
import { createRegexEvaluator, regexSettingsSchema } from './regex-evaluator.js'
import { createTokenLimitEvaluator, tokenLimitSettingsSchema } from './token-limit-evaluator.js'

/** The evaluators that run in process, in the gateway and in the control plane alike. */
export const builtInEvaluators = [
  'regex',
  'pii',
  'max_input_tokens',
  'max_output_tokens',
  'json_schema',
  'http',
] as const
export type BuiltInEvaluatorName = (typeof builtInEvaluators)[number]

/** Collaborators of the built-in evaluators. */
export interface EvaluatorDeps {
  /** The `http` evaluator's fetch; default the global one. */
  fetch?: FetchLike
}

function parseSettings<T extends v.GenericSchema>(
  schema: T,
  settings: unknown,
  name: string,
): v.InferOutput<T> {
  const result = v.safeParse(schema, settings ?? {})
  if (result.success) return result.output
  const issue = result.issues[0]
  const path = issue.path?.map((item) => String(item.key)).join('.') ?? ''
  throw new Error(`${name} settings${path === '' ? '' : `.${path}`}: ${issue.message}`)
}

/** True for the name of a built-in evaluator. */
export function isBuiltInEvaluator(name: string): name is BuiltInEvaluatorName {
  return (builtInEvaluators as readonly string[]).includes(name)
}

/**
 * Builds a built-in evaluator. Throws an `Error` whose message names the bad setting; callers
 * answer 400 at write time, and in the gateway treat it as the evaluator failing.
 *
 * @example
 * const evaluator = createBuiltInEvaluator('pii', { types: ['email'] })
 */
export function createBuiltInEvaluator(
  name: BuiltInEvaluatorName,
  settings: unknown,
  deps: EvaluatorDeps = {},
): GuardrailEvaluator {
  switch (name) {
    case 'regex':
      return createRegexEvaluator(parseSettings(regexSettingsSchema, settings, name))
    case 'pii':
      return createPiiEvaluator(parseSettings(piiSettingsSchema, settings, name))
    case 'max_input_tokens':
    case 'max_output_tokens':
      return createTokenLimitEvaluator(name, parseSettings(tokenLimitSettingsSchema, settings, name))
    case 'json_schema':
      return createJsonSchemaEvaluator(parseSettings(jsonSchemaSettingsSchema, settings, name))
    case 'http':
      return createHttpEvaluator(parseSettings(httpSettingsSchema, settings, name), deps.fetch)
  }
}

/**
 * The problem with a guardrail definition, or undefined when it can run: write-time validation.
 *
 * @example
 * describeEvaluatorProblem('regex', { patterns: ['('] }) // → 'pattern "(" is not a valid regular expression (…)'
 */
export function describeEvaluatorProblem(name: string, settings: unknown): string | undefined {
  if (!isBuiltInEvaluator(name)) return `unknown evaluator "${name}" (one of ${builtInEvaluators.join(', ')})`
  try {
    createBuiltInEvaluator(name, settings)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}
