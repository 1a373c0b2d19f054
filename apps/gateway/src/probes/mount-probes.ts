// Kubernetes probes: /healthz, /livez, /startupz, /readyz (GET and HEAD), answered from flags.
import type { Context, Hono } from 'hono'
import type { GatewayEnv } from '../http/gateway-env.js'
import type { LifecycleState } from '../lifecycle/lifecycle-state.js'

/** Options of {@link mountProbes}. */
export interface ProbeOptions {
  lifecycle: LifecycleState
  /** Reported by /healthz. */
  version: string
}

const jsonType = 'application/json; charset=utf-8'

/**
 * Mounts the probes. None dials anything: liveness must not fail because a dependency is
 * down (kubelet would restart a healthy pod), and readiness only reflects draining/start-up.
 * - `/healthz`, `/livez`: 200 while the process serves HTTP.
 * - `/startupz`: 503 `starting` until listeners are bound and start-up checks passed.
 * - `/readyz`: 200 `ready`; 503 `starting` before start-up, 503 `draining` after SIGTERM.
 *
 * @example
 * mountProbes(app, { lifecycle, version: '0.1.0' })
 */
export function mountProbes(app: Hono<GatewayEnv>, { lifecycle, version }: ProbeOptions): void {
  // Serialised once: probes hit every pod every few seconds.
  const healthy = JSON.stringify({ status: 'ok', version })
  const alive = JSON.stringify({ status: 'ok' })
  const starting = JSON.stringify({ status: 'starting' })
  const started = JSON.stringify({ status: 'started' })
  const ready = JSON.stringify({ status: 'ready' })
  const draining = JSON.stringify({ status: 'draining' })
  // A fresh header object each time: the Node adapter adds Content-Length to the one it is given.
  const reply = (c: Context<GatewayEnv>, status: 200 | 503, body: string) =>
    c.body(body, status, { 'content-type': jsonType })

  app.get('/healthz', (c) => reply(c, 200, healthy))
  app.get('/livez', (c) => reply(c, 200, alive))
  app.get('/startupz', (c) => (lifecycle.started ? reply(c, 200, started) : reply(c, 503, starting)))
  app.get('/readyz', (c) => {
    if (lifecycle.draining) return reply(c, 503, draining)
    return lifecycle.started ? reply(c, 200, ready) : reply(c, 503, starting)
  })
}
