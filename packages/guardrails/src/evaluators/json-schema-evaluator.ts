// The `json_schema` evaluator: the complete response must be JSON that matches a schema.
import * as v from 'valibot'
import { allowVerdict, type GuardrailEvaluator, type Verdict } from './evaluator-types.js'
import { type JsonSchema, validateJsonSchema } from './validate-json-schema.js'

/** Settings of the `json_schema` evaluator. */
export const jsonSchemaSettingsSchema = v.object({
  schema: v.record(v.string(), v.unknown()),
})
export type JsonSchemaSettings = v.InferOutput<typeof jsonSchemaSettingsSchema>

/**
 * Builds a `json_schema` evaluator. It judges only complete text (post, and the final check of a
 * stream); windows of a stream and requests pass.
 *
 * @example
 * const evaluator = createJsonSchemaEvaluator({ schema: { type: 'object', required: ['answer'] } })
 */
export function createJsonSchemaEvaluator(settings: JsonSchemaSettings): GuardrailEvaluator {
  const schema = settings.schema as JsonSchema
  return {
    kind: 'json_schema',
    local: true,
    evaluate({ stage, texts, final }): Verdict {
      if (stage === 'pre' || !final) return allowVerdict
      const text = texts.join('')
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        return { decision: 'block', reason: 'the response is not valid JSON' }
      }
      const problem = validateJsonSchema(value, schema)
      return problem === undefined ? allowVerdict : { decision: 'block', reason: `schema: ${problem}` }
    },
  }
}
