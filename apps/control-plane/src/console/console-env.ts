// Types shared by the console's routes: the Hono env, the dependencies and the API's error shape.
import type { HttpBindings } from '@hono/node-server'
import type { AdminCaller } from './admin-caller.js'
import type { ConsoleSession, SessionStore } from './session-store.js'

/** The admin API's error envelope body, shown to the user as the API worded it. */
export interface ConsoleApiError {
  type: string
  code: string
  message: string
  meta?: Record<string, unknown>
}

/** Hono env of the console routes (the session is set by the guard). */
export interface ConsoleEnv {
  Bindings: HttpBindings
  Variables: { session: ConsoleSession }
}

/** What every console page needs. */
export interface ConsoleDeps {
  callAdmin: AdminCaller
  /** True when the admin API accepts `token` (sign-in). */
  checkToken: (env: unknown, token: string) => Promise<boolean>
  sessions: SessionStore
  /** The gateway's public URL, for the `OPENAI_BASE_URL`/`ANTHROPIC_BASE_URL` lines. */
  gatewayUrl: string
}

/** Thrown by a page whose read failed: rendered as an error page with the API's wording. */
export class ConsoleReadError extends Error {
  constructor(
    readonly status: number,
    readonly apiError: ConsoleApiError,
  ) {
    super(apiError.message)
  }
}
