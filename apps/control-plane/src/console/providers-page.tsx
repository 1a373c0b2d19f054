// Provider credentials: list (secrets only as hints), create, edit, delete.
import type { Hono } from 'hono'
import { changeAdmin, field, readAdmin } from './admin-pages.js'
import type { ConsoleDeps, ConsoleEnv } from './console-env.js'
import { consoleProviderTypes, readCredentials, readList } from './credential-fields.js'
import { CsrfField, EmptyState, Layout } from './layout.js'
import { type Project, readTenancy } from './projects-page.js'
import type { ConsoleSession } from './session-store.js'

/** The admin API's provider credential. */
export interface ProviderCredential {
  id: string
  project_id: string
  type: string
  name: string
  credentials_hint: Record<string, string>
  base_url: string | null
  models: string[]
}

const hint = (credential: ProviderCredential) =>
  Object.entries(credential.credentials_hint)
    .map(([name, value]) => `${name}: ${value}`)
    .join(', ') || '—'

function ProvidersView(props: {
  session: ConsoleSession
  projects: Project[]
  providers: ProviderCredential[]
}) {
  const { session, projects, providers } = props
  const projectName = (id: string) => projects.find((project) => project.id === id)?.name ?? id
  return (
    <Layout title="Provider credentials" session={session} active="providers">
      {providers.length === 0 ? (
        <EmptyState>
          No provider credential yet. Add one below so the gateway can reach a model provider
          {projects.length === 0 ? ' (create a project first, on the Projects page)' : ''}.
        </EmptyState>
      ) : (
        <table>
          <caption class="visually-hidden">Provider credentials</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Project</th>
              <th scope="col">Base URL</th>
              <th scope="col">Secrets (hints)</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {providers.map((provider) => (
              <tr>
                <td>{provider.name}</td>
                <td>{provider.type}</td>
                <td>{projectName(provider.project_id)}</td>
                <td>{provider.base_url ?? 'provider default'}</td>
                <td>
                  <code>{hint(provider)}</code>
                </td>
                <td class="actions">
                  <a href={`/console/providers/${provider.id}`}>Edit {provider.name}</a>
                  <form
                    method="post"
                    action={`/console/providers/${provider.id}/delete`}
                    data-confirm={`Delete the provider credential ${provider.name}? Keys using it lose this provider.`}
                  >
                    <CsrfField session={session} />
                    <button type="submit" class="danger">
                      Delete {provider.name}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {projects.length > 0 && (
        <form method="post" action="/console/providers" class="card">
          <h2>New provider credential</h2>
          <CsrfField session={session} />
          <label for="provider-project">Project</label>
          <select id="provider-project" name="project_id" required>
            {projects.map((project) => (
              <option value={project.id}>{project.name}</option>
            ))}
          </select>
          <label for="provider-type">Type</label>
          <select id="provider-type" name="type" required>
            {consoleProviderTypes.map((type) => (
              <option value={type}>{type}</option>
            ))}
          </select>
          <label for="provider-name">Name (the handle gateways see)</label>
          <input id="provider-name" name="name" required pattern="[a-z0-9][a-z0-9._\-]{0,62}" />
          <CredentialInputs />
          <button type="submit">Add provider credential</button>
        </form>
      )}
    </Layout>
  )
}

function CredentialInputs(props: { editing?: boolean }) {
  const keep = props.editing ? ' (leave blank to keep the stored one)' : ''
  return (
    <>
      <label for="provider-api-key">API key{keep}</label>
      <input id="provider-api-key" name="api_key" type="password" autocomplete="off" />
      <label for="provider-extra">Other credential fields, one name=value a line{keep}</label>
      <textarea id="provider-extra" name="extra" aria-describedby="provider-extra-hint" />
      <p id="provider-extra-hint" class="hint">
        Azure: endpoint=…, api_version=…; Bedrock: access_key=…, secret_key=…, region=…. Secrets are
        write-only: afterwards you see a masked hint.
      </p>
      <label for="provider-base-url">Base URL (optional)</label>
      <input id="provider-base-url" name="base_url" type="url" />
      <label for="provider-models">Models (comma-separated, optional)</label>
      <input id="provider-models" name="models" />
    </>
  )
}

function EditProviderView(props: { session: ConsoleSession; provider: ProviderCredential }) {
  const { session, provider } = props
  return (
    <Layout title={`Edit ${provider.name}`} session={session} active="providers">
      <p>
        Stored secrets: <code>{hint(provider)}</code>
      </p>
      <form method="post" action={`/console/providers/${provider.id}`} class="card">
        <CsrfField session={session} />
        <label for="provider-name">Name</label>
        <input id="provider-name" name="name" value={provider.name} required />
        <label for="provider-api-key">API key (leave blank to keep the stored one)</label>
        <input id="provider-api-key" name="api_key" type="password" autocomplete="off" />
        <label for="provider-extra">Other credential fields, name=value lines (blank keeps them)</label>
        <textarea id="provider-extra" name="extra" />
        <label for="provider-base-url">Base URL (blank: the provider's default)</label>
        <input id="provider-base-url" name="base_url" type="url" value={provider.base_url ?? ''} />
        <label for="provider-models">Models (comma-separated)</label>
        <input id="provider-models" name="models" value={provider.models.join(', ')} />
        <button type="submit">Save {provider.name}</button>
      </form>
      <p>
        <a href="/console/providers">Back to provider credentials</a>
      </p>
    </Layout>
  )
}

/**
 * Adds `/providers` (list, create), `/providers/:id` (edit) and `/providers/:id/delete`.
 *
 * @example
 * addProvidersPage(guarded, deps)
 */
export function addProvidersPage(routes: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  routes.get('/providers', async (c) => {
    const [{ projects }, providers] = await Promise.all([
      readTenancy(deps, c),
      readAdmin<{ data: ProviderCredential[] }>(deps, c, '/provider-credentials'),
    ])
    return c.html(<ProvidersView session={c.get('session')} projects={projects} providers={providers.data} />)
  })
  routes.post('/providers', async (c) => {
    const form = await c.req.parseBody()
    const baseUrl = field(form, 'base_url')
    const body = {
      project_id: field(form, 'project_id'),
      type: field(form, 'type'),
      name: field(form, 'name'),
      credentials: readCredentials(form) ?? {},
      models: readList(field(form, 'models')),
      ...(baseUrl === '' ? {} : { base_url: baseUrl }),
    }
    const done = `Provider credential ${body.name} added.`
    return changeAdmin(deps, c, 'POST', '/provider-credentials', body, done, '/console/providers')
  })
  routes.get('/providers/:id', async (c) => {
    const provider = await readAdmin<ProviderCredential>(
      deps,
      c,
      `/provider-credentials/${encodeURIComponent(c.req.param('id'))}`,
    )
    return c.html(<EditProviderView session={c.get('session')} provider={provider} />)
  })
  routes.post('/providers/:id', async (c) => {
    const form = await c.req.parseBody()
    const credentials = readCredentials(form)
    const baseUrl = field(form, 'base_url')
    const body = {
      name: field(form, 'name'),
      base_url: baseUrl === '' ? null : baseUrl,
      models: readList(field(form, 'models')),
      ...(credentials === undefined ? {} : { credentials }),
    }
    const path = `/provider-credentials/${encodeURIComponent(c.req.param('id'))}`
    return changeAdmin(
      deps,
      c,
      'PATCH',
      path,
      body,
      `Provider credential ${body.name} saved.`,
      '/console/providers',
    )
  })
  routes.post('/providers/:id/delete', async (c) => {
    const path = `/provider-credentials/${encodeURIComponent(c.req.param('id'))}`
    return changeAdmin(
      deps,
      c,
      'DELETE',
      path,
      undefined,
      'Provider credential deleted.',
      '/console/providers',
    )
  })
}
