// What routes and services share: storage, secrets, the change notifier and the clock.
import type { AddressPolicy } from '@gw/contract'
import type { ChangeNotifier } from '../changes/change-notifier.js'
import type { SecretBox } from '../crypto/secret-box.js'
import type { Database } from '../db/database.js'
import type { Logger } from './logger.js'
import type { Clock } from './time.js'

/** Dependencies of the control plane's services and routes, built once at start. */
export interface ControlPlaneDeps {
  db: Database
  /** Seals provider credentials and project tokens (`CONTROL_PLANE_ENCRYPTION_KEY`). */
  box: SecretBox
  /** `LW_VIRTUAL_KEY_PEPPER`. */
  pepper: string
  notifier: ChangeNotifier
  logger: Logger
  now: Clock
  /** Which hosts provider URLs may name (SSRF policy). Default: link-local and metadata refused. */
  baseUrlPolicy?: AddressPolicy
}
