// The demo key of `pnpm start`, kept across restarts in <data dir>/demo-key.json (mode 0600,
// beside secrets.json): the control plane stores only digests, so the key itself must be
// remembered here or a restart would have to rotate it and break every client configured with it.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'

/**
 * Returns the demo key to print: the stored one while the control plane still has it active,
 * else a fresh one (rotating the existing demo key, or creating it); `newKey` forces a fresh one.
 *
 * @example
 * const { key, fresh } = await ensureDemoKey({ admin, file, projectId, config, newKey: false })
 */
export async function ensureDemoKey({ admin, file, projectId, config, newKey }) {
  const keys = (await admin.request('GET', `/virtual-keys?project_id=${projectId}`)).data
  const active = keys.find((k) => k.name === 'demo' && k.status === 'active')
  const stored = readStored(file)
  if (!newKey && stored !== null && active !== undefined && stored.id === active.id) {
    return { key: stored.key, id: stored.id, fresh: false }
  }
  // Rotation without grace: after --new-key the previous demo key stops working at once.
  const issued = active
    ? await admin.request('POST', `/virtual-keys/${active.id}/rotate`, {})
    : await admin.request('POST', '/virtual-keys', { project_id: projectId, name: 'demo', config })
  const id = issued.virtual_key.id
  writeFileSync(file, `${JSON.stringify({ id, key: issued.key }, null, 2)}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return { key: issued.key, id, fresh: true }
}

function readStored(file) {
  if (!existsSync(file)) return null
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8'))
    return typeof parsed.id === 'string' && typeof parsed.key === 'string' ? parsed : null
  } catch {
    return null
  }
}
