// Views of the keys page: the list with its actions, the mint form, and the revoke confirmation.
import { CsrfField, EmptyState, Layout } from './layout.js'
import type { Project } from './projects-page.js'
import type { ConsoleSession } from './session-store.js'

/** The admin API's virtual key (never the secret). */
export interface VirtualKey {
  id: string
  project_id: string
  name: string
  environment: string
  display_prefix: string
  status: string
  previous_secret_valid_until: string | null
  config: Record<string, unknown>
}

function KeyActions(props: { session: ConsoleSession; virtualKey: VirtualKey }) {
  const { session, virtualKey: key } = props
  if (key.status === 'revoked') return <span class="muted">Revoked: nothing left to do.</span>
  const toggle = key.status === 'disabled' ? 'enable' : 'disable'
  return (
    <div class="actions">
      <a href={`/console/keys/${key.id}/config`}>Configure {key.name}</a>
      <form method="post" action={`/console/keys/${key.id}/rotate`}>
        <CsrfField session={session} />
        <label for={`grace-${key.id}`}>Grace (s)</label>
        <input id={`grace-${key.id}`} name="grace_seconds" type="number" min={0} max={2592000} value="0" />
        <button type="submit" class="secondary">
          Rotate {key.name}
        </button>
      </form>
      <form method="post" action={`/console/keys/${key.id}/${toggle}`}>
        <CsrfField session={session} />
        <button type="submit" class="secondary">
          {toggle === 'enable' ? 'Enable' : 'Disable'} {key.name}
        </button>
      </form>
      <a href={`/console/keys/${key.id}/revoke`}>Revoke {key.name}…</a>
    </div>
  )
}

/** The keys list and the mint form. */
export function KeysView(props: { session: ConsoleSession; projects: Project[]; keys: VirtualKey[] }) {
  const { session, projects, keys } = props
  const projectName = (id: string) => projects.find((project) => project.id === id)?.name ?? id
  return (
    <Layout title="Virtual keys" session={session} active="keys">
      {keys.length === 0 ? (
        <EmptyState>
          No virtual key yet. Mint one below and hand it to a team: it works with any OpenAI or Anthropic
          client pointed at the gateway.
        </EmptyState>
      ) : (
        <table>
          <caption class="visually-hidden">Virtual keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Project</th>
              <th scope="col">Prefix</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr>
                <td>{key.name}</td>
                <td>{projectName(key.project_id)}</td>
                <td>
                  <code>{key.display_prefix}…</code>
                </td>
                <td>
                  <span class={`status-${key.status}`}>{key.status}</span>
                  {key.previous_secret_valid_until && (
                    <span class="muted"> (old secret until {key.previous_secret_valid_until})</span>
                  )}
                </td>
                <td>
                  <KeyActions session={session} virtualKey={key} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {projects.length === 0 ? (
        <EmptyState>Create a project first (Projects page): every key belongs to one.</EmptyState>
      ) : (
        <form method="post" action="/console/keys" class="card">
          <h2>Mint a key</h2>
          <CsrfField session={session} />
          <label for="key-project">Project</label>
          <select id="key-project" name="project_id" required>
            {projects.map((project) => (
              <option value={project.id}>{project.name}</option>
            ))}
          </select>
          <label for="key-name">Name</label>
          <input id="key-name" name="name" required maxlength={200} />
          <label for="key-environment">Environment</label>
          <select id="key-environment" name="environment">
            <option value="live">live</option>
            <option value="test">test</option>
          </select>
          <button type="submit">Mint key</button>
        </form>
      )}
    </Layout>
  )
}

/** The confirmation page before a revoke (works without the client script). */
export function RevokeView(props: { session: ConsoleSession; virtualKey: VirtualKey }) {
  const { session, virtualKey: key } = props
  return (
    <Layout title={`Revoke ${key.name}?`} session={session} active="keys">
      <p role="alert">
        Revoking <strong>{key.name}</strong> (<code>{key.display_prefix}…</code>) is final: every request with
        it is refused from now on, and it cannot be enabled again.
      </p>
      <form method="post" action={`/console/keys/${key.id}/revoke`}>
        <CsrfField session={session} />
        <button type="submit" class="danger">
          Yes, revoke {key.name}
        </button>
      </form>
      <p>
        <a href="/console/keys">No, keep it</a>
      </p>
    </Layout>
  )
}
