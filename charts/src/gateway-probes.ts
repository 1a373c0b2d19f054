// The gateway's probe paths: the chart's probes must use them and the deployed gateway must answer them.

/** Kubernetes probe → the gateway path it calls (see apps/gateway/README.md, "Endpoints"). */
export const gatewayProbePaths = { startup: '/startupz', readiness: '/readyz', liveness: '/livez' } as const

/** The port the gateway listens on in a pod (`SERVER_ADDR=:5563`). */
export const gatewayPort = 5563
