// The error body the control plane answers with: {"error":{"type"?,"code","message"}}.
import * as v from 'valibot'

/** Schema of a control-plane error body; unknown fields are ignored. */
export const controlPlaneErrorBodySchema = v.object({
  error: v.object({
    type: v.optional(v.string()),
    code: v.string(),
    message: v.optional(v.string(), ''),
  }),
})

export type ControlPlaneErrorBody = v.InferOutput<typeof controlPlaneErrorBodySchema>

/**
 * Reads a control-plane error body, or returns null when the body is not one (never throws).
 *
 * @example
 * const code = readControlPlaneError(json)?.error.code ?? 'unknown'
 */
export function readControlPlaneError(json: unknown): ControlPlaneErrorBody | null {
  const result = v.safeParse(controlPlaneErrorBodySchema, json)
  return result.success ? result.output : null
}
