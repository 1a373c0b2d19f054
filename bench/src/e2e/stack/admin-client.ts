// The control plane's admin API, as far as the bench needs it: one tenant, one provider, one key.
import { Pool } from 'undici'

/** A project whose keys route to the bench upstream. */
export interface Tenant {
  organizationId: string
  projectId: string
}

/** Options for {@link createAdminClient}. */
export interface AdminClientOptions {
  controlPlaneUrl: string
  adminToken: string
}

/** Admin calls used by the bench. */
export interface AdminClient {
  /** Organization, project and an `openai` provider credential pointing at `upstreamUrl`. */
  createTenant(upstreamUrl: string): Promise<Tenant>
  /** Creates one key in the project and returns it raw (kept in memory only). */
  createKey(projectId: string): Promise<string>
  /** Creates one key with a `config` (policy rules, …) and returns it raw. */
  createKeyWithConfig(projectId: string, config: object): Promise<string>
  /** Any other admin POST (e.g. `/budgets`); throws on a status ≥ 300. */
  post<T>(path: string, body: object): Promise<T>
  close(): Promise<void>
}

/**
 * Builds an admin client with a small connection pool.
 *
 * @example
 * const admin = createAdminClient({ controlPlaneUrl, adminToken })
 * const tenant = await admin.createTenant(upstream.url)
 */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const pool = new Pool(options.controlPlaneUrl, { connections: 16 })
  const headers = { authorization: `Bearer ${options.adminToken}`, 'content-type': 'application/json' }

  async function post<T>(path: string, body: object): Promise<T> {
    const response = await pool.request({
      path: `/api/admin${path}`,
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    })
    const text = await response.body.text()
    if (response.statusCode >= 300) {
      throw new Error(`POST /api/admin${path} answered ${response.statusCode}: ${text.slice(0, 300)}`)
    }
    return JSON.parse(text) as T
  }

  return {
    async createTenant(upstreamUrl) {
      const organization = await post<{ id: string }>('/organizations', { name: 'bench' })
      const project = await post<{ id: string }>('/projects', {
        organization_id: organization.id,
        name: 'bench',
      })
      await post('/provider-credentials', {
        project_id: project.id,
        type: 'openai',
        name: 'bench-upstream',
        credentials: { api_key: 'sk-bench-not-a-real-key' },
        base_url: `${upstreamUrl}/v1`,
      })
      return { organizationId: organization.id, projectId: project.id }
    },
    async createKey(projectId) {
      return (await post<{ key: string }>('/virtual-keys', { project_id: projectId, name: 'bench' })).key
    },
    async createKeyWithConfig(projectId, config) {
      return (
        await post<{ key: string }>('/virtual-keys', {
          project_id: projectId,
          name: 'bench-governed',
          config,
        })
      ).key
    },
    post,
    close: () => pool.close(),
  }
}
