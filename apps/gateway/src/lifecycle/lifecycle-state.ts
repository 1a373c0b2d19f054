// The process's lifecycle flags, read by the probes and the request listener.

/** Start-up and shutdown progress of one gateway instance. */
export interface LifecycleState {
  /** True once listeners are bound and start-up checks passed (`/startupz` 200). */
  started: boolean
  /** True from SIGTERM on (`/readyz` 503, `Connection: close` on every response). */
  draining: boolean
}

/**
 * Creates the flags in their initial state: not started, not draining.
 *
 * @example
 * const lifecycle = createLifecycleState()
 * lifecycle.started = true
 */
export function createLifecycleState(): LifecycleState {
  return { started: false, draining: false }
}
