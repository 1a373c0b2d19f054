// Turns an env object into a typed, validated, deeply frozen config object from one schema.
import * as v from 'valibot'
import { type ConfigField, type ConfigSchema, collectFields } from './collect-fields.js'
import { ConfigError, type ConfigIssue, createConfigIssue } from './config-error.js'
import { type DeepReadonly, deepFreeze } from './deep-freeze.js'
import { writeAtPath } from './object-path.js'
import { type DeprecationHandler, type EnvReading, readEnv, warnDeprecation } from './read-env.js'

/** The frozen config type a schema hydrates to. */
export type InferConfig<TSchema extends ConfigSchema> = DeepReadonly<v.InferOutput<TSchema>>

/** Options of {@link hydrateConfig}. */
export interface HydrateOptions<TConfig = unknown> {
  /** Where variables are read. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>
  /** Legacy name → canonical name; a legacy variable is read only while the canonical one is unset or empty. */
  aliases?: Readonly<Record<string, string>>
  /** Called once per legacy name per process when it is used. Default: one `console.warn`. */
  onDeprecation?: DeprecationHandler
  /** Cross-field checks on the hydrated config; runs only when every field is valid. */
  refine?: (config: TConfig) => ConfigIssue[]
}

type FieldOutcome = { ok: true; value: unknown } | { ok: false; issue: ConfigIssue }

/**
 * Reads every field of `schema` from the env, collecting all problems into one ConfigError.
 * Empty strings count as unset. Throws a TypeError for a malformed schema (a programming error).
 *
 * @example
 * const schema = v.object({ server: v.object({ addr: envString(':5563'), gracefulSeconds: envDuration(5_000) }) })
 * const config = hydrateConfig(schema, { env: { SERVER_GRACEFUL_SECONDS: '1m30s' } })
 * config.server.gracefulSeconds // 90000
 */
export function hydrateConfig<const TSchema extends ConfigSchema>(
  schema: TSchema,
  options: HydrateOptions<InferConfig<TSchema>> = {},
): InferConfig<TSchema> {
  const { env = process.env, aliases = {}, onDeprecation = warnDeprecation, refine } = options
  const issues: ConfigIssue[] = []
  const root: Record<string, unknown> = {}
  for (const field of collectFields(schema)) {
    const outcome = hydrateField(field, readEnv(field.variable, env, aliases, onDeprecation))
    if (outcome.ok) writeAtPath(root, field.path, outcome.value)
    else issues.push(outcome.issue)
  }
  if (issues.length > 0) throw new ConfigError(issues)
  const config = deepFreeze(root) as InferConfig<TSchema>
  const refineIssues = refine?.(config) ?? []
  if (refineIssues.length > 0) throw new ConfigError(refineIssues)
  return config
}

function hydrateField(field: ConfigField, reading: EnvReading | undefined): FieldOutcome {
  const { meta, variable } = field
  const fail = (problem?: string): FieldOutcome => {
    const aliasOf = reading !== undefined && reading.variable !== variable ? variable : undefined
    const issueVariable = reading?.variable ?? variable
    const value = reading?.raw
    return {
      ok: false,
      issue: createConfigIssue({
        variable: issueVariable,
        value,
        expected: meta.expected,
        problem,
        secret: meta.secret,
        aliasOf,
      }),
    }
  }
  if (reading === undefined) {
    if (field.required) return fail()
    if (field.defaultValue === undefined) return { ok: true, value: undefined }
    // A copy, so freezing the config never freezes an array or object shared with the schema.
    return validate(field, structuredClone(field.defaultValue), (message) =>
      fail(`has a default that fails validation: ${message}`),
    )
  }
  const parsed = meta.parse(reading.raw)
  if (!parsed.ok) return fail()
  return validate(field, parsed.value, (message) =>
    fail(meta.secret ? message.split(reading.raw).join('***') : message),
  )
}

/** Runs the field's full schema (the builder's plus any pipes around it) on the parsed value. */
function validate(field: ConfigField, value: unknown, fail: (message: string) => FieldOutcome): FieldOutcome {
  const result = v.safeParse(field.schema, value)
  if (result.success) return { ok: true, value: result.output }
  const [issue] = result.issues
  // The value is already in the message prefix; drop valibot's "but received …" repetition.
  return fail(issue.message.replace(/ but received .*$/s, ''))
}
