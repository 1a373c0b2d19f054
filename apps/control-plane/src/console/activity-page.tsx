// The change feed as an activity list: what changed, when, by whom, per organisation (GET /api/admin/changes).
import type { Hono } from 'hono'
import { readAdmin } from './admin-pages.js'
import type { Budget } from './budgets-view.js'
import type { ConsoleDeps, ConsoleEnv } from './console-env.js'
import type { VirtualKey } from './keys-view.js'
import { EmptyState, Layout } from './layout.js'
import { type Organization, readTenancy } from './projects-page.js'
import type { ProviderCredential } from './providers-page.js'
import type { ConsoleSession } from './session-store.js'

interface Change {
  revision: number
  kind: string
  virtual_key_id: string | null
  budget_id: string | null
  model_provider_id: string | null
  project_id: string | null
  created_at: string
}

const kinds: Record<string, string> = {
  VK_CREATED: 'Key created',
  VK_CONFIG_UPDATED: 'Key config changed',
  VK_REVOKED: 'Key revoked',
  VK_ROTATED: 'Key rotated',
  VK_DISABLED: 'Key disabled',
  VK_ENABLED: 'Key enabled',
  MODEL_PROVIDER_UPDATED: 'Provider credential changed',
  GUARDRAIL_UPDATED: 'Guardrail or attachment changed',
  BUDGET_CREATED: 'Budget created',
  BUDGET_UPDATED: 'Budget changed',
  BUDGET_DELETED: 'Budget deleted',
}

function ActivityView(props: {
  session: ConsoleSession
  organizations: Organization[]
  organizationId: string
  changes: Change[]
  names: Map<string, string>
}) {
  const { session, organizations, changes, names } = props
  const subject = (change: Change) =>
    [change.virtual_key_id, change.model_provider_id, change.budget_id, change.project_id]
      .filter((id): id is string => id !== null)
      .map((id) => names.get(id) ?? id)
      .join(' · ') || '—'
  return (
    <Layout title="Activity" session={session} active="activity">
      {organizations.length > 1 && (
        <form method="get" action="/console/activity" class="actions">
          <div>
            <label for="activity-org">Organisation</label>
            <select id="activity-org" name="organization_id">
              {organizations.map((org) => (
                <option value={org.id} selected={org.id === props.organizationId}>
                  {org.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Show</button>
        </form>
      )}
      {changes.length === 0 ? (
        <EmptyState>
          Nothing has changed yet{organizations.length === 0 ? ' (create an organisation first)' : ''}.
          Minting a key, adding a provider, a budget or a guardrail shows up here.
        </EmptyState>
      ) : (
        <table>
          <caption>
            Newest first. Every change is made with the admin token: it is the control plane's one identity.
          </caption>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
              <th scope="col">Who</th>
              <th scope="col">Revision</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr>
                <td>
                  <time datetime={change.created_at}>{change.created_at.replace('T', ' ').slice(0, 19)}</time>
                </td>
                <td>{kinds[change.kind] ?? change.kind}</td>
                <td>{subject(change)}</td>
                <td>admin</td>
                <td>{change.revision}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  )
}

/**
 * Adds `/activity?organization_id` (default the first organisation).
 *
 * @example
 * addActivityPage(guarded, deps)
 */
export function addActivityPage(routes: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  routes.get('/activity', async (c) => {
    const tenancy = await readTenancy(deps, c)
    const requested = c.req.query('organization_id')
    const organizationId =
      tenancy.organizations.find((org) => org.id === requested)?.id ?? tenancy.organizations[0]?.id ?? ''
    const query = new URLSearchParams({ organization_id: organizationId, limit: '100' })
    const [changes, keys, providers, budgets] =
      organizationId === ''
        ? [{ data: [] }, { data: [] }, { data: [] }, { data: [] }]
        : await Promise.all([
            readAdmin<{ data: Change[] }>(deps, c, `/changes?${query}`),
            readAdmin<{ data: VirtualKey[] }>(deps, c, '/virtual-keys'),
            readAdmin<{ data: ProviderCredential[] }>(deps, c, '/provider-credentials'),
            readAdmin<{ data: Budget[] }>(deps, c, '/budgets'),
          ])
    const names = new Map<string, string>([
      ...keys.data.map((key): [string, string] => [key.id, `key ${key.name}`]),
      ...providers.data.map((provider): [string, string] => [provider.id, `provider ${provider.name}`]),
      ...budgets.data.map((budget): [string, string] => [
        budget.id,
        `budget ${budget.name ?? budget.window}`,
      ]),
      ...tenancy.projects.map((project): [string, string] => [project.id, `project ${project.name}`]),
    ])
    return c.html(
      <ActivityView
        session={c.get('session')}
        organizations={tenancy.organizations}
        organizationId={organizationId}
        changes={changes.data}
        names={names}
      />,
    )
  })
}
