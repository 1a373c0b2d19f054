// Wires the app from hydrated config and an open database: secret box, notifier, options.
import { createAddressPolicy } from '@gw/contract'
import type { HttpBindings } from '@hono/node-server'
import type { Hono } from 'hono'
import { createControlPlaneApp } from './app.js'
import { createChangeNotifier } from './changes/change-notifier.js'
import type { ControlPlaneConfig } from './config.js'
import { createSecretBox, parseEncryptionKey } from './crypto/secret-box.js'
import type { Database } from './db/database.js'
import type { Logger } from './shared/logger.js'
import type { Clock } from './shared/time.js'

/** What {@link createApp} needs. */
export interface CreateAppOptions {
  config: ControlPlaneConfig
  db: Database
  logger: Logger
  now: Clock
  changesRecheckMs?: number | undefined
}

/**
 * Builds the Hono app for a config and database.
 *
 * @example
 * const app = createApp({ config, db, logger, now: Date.now })
 */
export function createApp(options: CreateAppOptions): Hono<{ Bindings: HttpBindings }> {
  const { config, db, logger, now } = options
  const deps = {
    db,
    box: createSecretBox(parseEncryptionKey(config.controlPlane.encryptionKey)),
    pepper: config.virtualKeyPepper,
    notifier: createChangeNotifier(),
    logger,
    now,
    baseUrlPolicy: createAddressPolicy({
      refusePrivate: config.environment === 'production' && !config.controlPlane.allowPrivateBaseUrls,
    }),
  }
  return createControlPlaneApp(deps, {
    adminToken: config.controlPlane.adminToken,
    consoleGatewayUrl: config.controlPlane.consoleGatewayUrl,
    internalSecret: config.internalSecret,
    jwtSecret: config.jwtSecret,
    bundleTtlSeconds: Math.round(config.controlPlane.bundleTtl / 1000),
    acceptPathOnlySignatures: config.hmacCompat === 'path-only',
    changes: {
      maxWaitMs: config.controlPlane.changesMaxWait,
      ...(options.changesRecheckMs === undefined ? {} : { recheckMs: options.changesRecheckMs }),
    },
  })
}
