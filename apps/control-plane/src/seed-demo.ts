// Creates (or finds) a demo organization, project, provider and key over the admin API, for local stacks.
import { createAdminClient } from './cli/admin-client.js'

/** Options for {@link seedDemo}. */
export interface SeedDemoOptions {
  /** Control-plane base URL. */
  url: string
  /** `CONTROL_PLANE_ADMIN_TOKEN`. */
  adminToken: string
  /** The demo provider credential. Default: the built-in mock provider, named `mock`. */
  provider?: {
    type: string
    name: string
    credentials?: Record<string, unknown>
    base_url?: string | null
    models?: string[]
  }
  /** Default: the global `fetch`. */
  fetch?: typeof fetch
}

/** The demo tenant and a working key for it. */
export interface DemoTenant {
  organization_id: string
  project_id: string
  provider_id: string
  key_id: string
  /** A usable full key. */
  key: string
  /** False when the demo already existed and its key was rotated to show a fresh secret. */
  created: boolean
}

interface Identified {
  id: string
  name: string
  slug?: string
  status?: string
}
type List = { data: Identified[] }

/**
 * Ensures the demo tenant exists and returns a usable key. Keys are stored only as digests, so
 * when the demo key already exists it is rotated (no grace) to obtain a key to show.
 *
 * @example
 * const demo = await seedDemo({ url: cp.url, adminToken })
 * console.log(`OPENAI_API_KEY=${demo.key}`)
 */
export async function seedDemo(options: SeedDemoOptions): Promise<DemoTenant> {
  const admin = createAdminClient({
    url: options.url,
    token: options.adminToken,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  })
  const provider = options.provider ?? { type: 'mock', name: 'mock' }
  const orgs = await admin.request<List>('GET', '/organizations')
  const org =
    orgs.data.find((candidate) => candidate.slug === 'demo') ??
    (await admin.request<Identified>('POST', '/organizations', { name: 'Demo', slug: 'demo' }))
  const projects = await admin.request<List>('GET', `/projects?organization_id=${org.id}`)
  const project =
    projects.data.find((candidate) => candidate.name === 'demo') ??
    (await admin.request<Identified>('POST', '/projects', { organization_id: org.id, name: 'demo' }))
  const providers = await admin.request<List>('GET', `/provider-credentials?project_id=${project.id}`)
  const credential =
    providers.data.find((candidate) => candidate.name === provider.name) ??
    (await admin.request<Identified>('POST', '/provider-credentials', {
      project_id: project.id,
      type: provider.type,
      name: provider.name,
      credentials: provider.credentials ?? {},
      base_url: provider.base_url ?? null,
      models: provider.models ?? [],
    }))
  const keys = await admin.request<List>('GET', `/virtual-keys?project_id=${project.id}`)
  const existing = keys.data.find((candidate) => candidate.name === 'demo' && candidate.status === 'active')
  const issued = existing
    ? await admin.request<{ key: string; virtual_key: Identified }>(
        'POST',
        `/virtual-keys/${existing.id}/rotate`,
        {},
      )
    : await admin.request<{ key: string; virtual_key: Identified }>('POST', '/virtual-keys', {
        project_id: project.id,
        name: 'demo',
        config: { fallback: { chain: [credential.id] } },
      })
  return {
    organization_id: org.id,
    project_id: project.id,
    provider_id: credential.id,
    key_id: issued.virtual_key.id,
    key: issued.key,
    created: existing === undefined,
  }
}
