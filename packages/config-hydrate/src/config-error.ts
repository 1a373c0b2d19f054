// The error thrown when configuration is invalid, listing every problem found at once.

/** One problem with one environment variable. */
export interface ConfigIssue {
  /** The variable that was read (the legacy name when the value came from an alias). */
  variable: string
  /** The value as read, `***` for secrets, `undefined` when unset. */
  value: string | undefined
  /** The expected form, e.g. `an integer between 1 and 10`. */
  expected: string
  /** One line naming the variable, the value and the problem. */
  message: string
}

/** Input of {@link createConfigIssue}. */
export interface ConfigIssueInput {
  variable: string
  value: string | undefined
  expected: string
  /** Replaces the problem part of the message (default `expected <expected>`, or `is required` when unset). */
  problem?: string
  /** The canonical name, when `variable` is a legacy alias of it. */
  aliasOf?: string
  /** Mask the value. Default false. */
  secret?: boolean
}

/** Shown instead of secret values. */
export const maskedValue = '***'

/**
 * Builds an issue. A set value reads `NAME="value": expected …`; an unset one reads
 * `NAME is required (expected …)`. Use it in a `refine` hook too.
 *
 * @example
 * createConfigIssue({ variable: 'SERVER_GRACEFUL_SECONDS', value: 'abc', expected: 'a duration like 5s' })
 * // message: SERVER_GRACEFUL_SECONDS="abc": expected a duration like 5s
 * createConfigIssue({ variable: 'GATEWAY_ADMIN_AUTH_TOKEN', value: undefined, expected: 'a token',
 *   problem: 'is required when GATEWAY_ADMIN_ADDR is not a loopback address' })
 */
export function createConfigIssue(input: ConfigIssueInput): ConfigIssue {
  const { variable, value, expected, problem, secret = false, aliasOf } = input
  const shown = secret && value !== undefined ? maskedValue : value
  const alias = aliasOf === undefined ? '' : ` (legacy name of ${aliasOf})`
  const message =
    shown === undefined
      ? `${variable}${alias} ${problem ?? 'is required'} (expected ${expected})`
      : `${variable}=${JSON.stringify(shown)}${alias}: ${problem ?? `expected ${expected}`}`
  return { variable, value: shown, expected, message }
}

/**
 * Thrown by `hydrateConfig` with every issue; the message has a summary line then one issue per line.
 *
 * @example
 * try { hydrateConfig(schema) } catch (error) { if (error instanceof ConfigError) console.error(error.message) }
 */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[]

  constructor(issues: ConfigIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`
    super([`Invalid configuration (${count}):`, ...issues.map((issue) => `  ${issue.message}`)].join('\n'))
    this.name = 'ConfigError'
    this.issues = issues
  }
}
