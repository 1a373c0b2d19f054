// The types of the control-plane contract suite: one case is one request and the answers it may get.
import type * as v from 'valibot'
import type { ContractValues } from './fill-fixture.js'

/** One acceptable answer to a case. */
export interface ContractOutcome {
  status: number
  /** Schema the JSON body must satisfy. */
  body?: v.GenericSchema
  /** The body is the error envelope `{error:{type,code,message}}`, with this `code` when given. */
  error?: { code?: string }
  /** Headers the answer must carry (case-insensitive names). */
  headers?: readonly string[]
  /** A further check on the parsed body; returns a problem, or undefined when it holds. */
  verify?: (body: unknown) => string | undefined
}

/** One request of the suite. Cases run in order: a later one may rely on an earlier one (a retry). */
export interface ContractCase {
  /** What the case shows, stated as behaviour. */
  name: string
  method: 'GET' | 'POST' | 'PATCH'
  /** Path under `/api/internal/gateway`, query included, with `{{placeholders}}`. */
  path: string
  /** A recorded body in `fixtures/reference-gateway/`, sent byte for byte once filled. */
  fixture?: string
  /** Builds the body instead (e.g. a full spool segment from a recorded one). */
  buildBody?: (values: ContractValues) => Promise<string>
  /** Extra request headers, values with `{{placeholders}}`. */
  headers?: Readonly<Record<string, string>>
  /** Any one of these is a pass. */
  outcomes: readonly ContractOutcome[]
}
