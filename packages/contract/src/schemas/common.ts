// Small building blocks shared by the wire schemas.
import * as v from 'valibot'

/** A revision: the control plane sends strings, older builds numbers; we always hold a string. */
export const revisionSchema = v.pipe(
  v.union([v.string(), v.number()]),
  v.transform((value) => String(value)),
)

/** A list of strings that may be absent (→ `[]`). */
export const stringListSchema = v.optional(v.array(v.string()), () => [])

/** A string that may be absent or null (→ `null`). */
export const nullableStringSchema = v.optional(v.nullable(v.string()), null)

/** A number that may be absent or null (→ `null`). */
export const nullableNumberSchema = v.optional(v.nullable(v.number()), null)
