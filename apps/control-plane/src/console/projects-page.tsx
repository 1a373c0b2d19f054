// Organisations, teams and projects: lists and the forms that create them.
import type { Hono } from 'hono'
import { changeAdmin, field, readAdmin } from './admin-pages.js'
import type { ConsoleDeps, ConsoleEnv } from './console-env.js'
import { CsrfField, EmptyState, Layout } from './layout.js'
import type { ConsoleSession } from './session-store.js'

/** The admin API's organisation, team and project (the fields shown). */
export interface Organization {
  id: string
  name: string
  slug: string
}
export interface Team {
  id: string
  organization_id: string
  name: string
}
export interface Project {
  id: string
  organization_id: string
  team_id: string | null
  name: string
}

interface ProjectsData {
  organizations: Organization[]
  teams: Team[]
  projects: Project[]
}

/**
 * Reads every organisation, team and project (other pages use it for their pickers).
 *
 * @example
 * const { projects } = await readTenancy(deps, c)
 */
export async function readTenancy(
  deps: ConsoleDeps,
  c: Parameters<typeof readAdmin>[1],
): Promise<ProjectsData> {
  const [organizations, teams, projects] = await Promise.all([
    readAdmin<{ data: Organization[] }>(deps, c, '/organizations'),
    readAdmin<{ data: Team[] }>(deps, c, '/teams'),
    readAdmin<{ data: Project[] }>(deps, c, '/projects'),
  ])
  return { organizations: organizations.data, teams: teams.data, projects: projects.data }
}

function ProjectsView(props: ProjectsData & { session: ConsoleSession }) {
  const { organizations, teams, projects, session } = props
  return (
    <Layout title="Projects" session={session} active="projects">
      {organizations.length === 0 ? (
        <EmptyState>No organisation yet. Create one below, then a project in it.</EmptyState>
      ) : (
        organizations.map((org) => {
          const orgProjects = projects.filter((project) => project.organization_id === org.id)
          const orgTeams = teams.filter((team) => team.organization_id === org.id)
          return (
            <section class="card" aria-labelledby={`org-${org.id}`}>
              <h2 id={`org-${org.id}`}>
                {org.name} <span class="muted">({org.slug})</span>
              </h2>
              <p class="muted">
                Teams: {orgTeams.length === 0 ? 'none' : orgTeams.map((t) => t.name).join(', ')}
              </p>
              {orgProjects.length === 0 ? (
                <EmptyState>No project in {org.name} yet: create one below.</EmptyState>
              ) : (
                <table>
                  <caption class="visually-hidden">Projects of {org.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Project</th>
                      <th scope="col">Team</th>
                      <th scope="col">Id</th>
                    </tr>
                  </thead>
                  <tbody>
                    {orgProjects.map((project) => (
                      <tr>
                        <td>{project.name}</td>
                        <td>{teams.find((team) => team.id === project.team_id)?.name ?? '—'}</td>
                        <td>
                          <code>{project.id}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          )
        })
      )}
      <div class="forms">
        <form method="post" action="/console/organizations" class="card">
          <h2>New organisation</h2>
          <CsrfField session={session} />
          <label for="org-name">Name</label>
          <input id="org-name" name="name" required maxlength={200} />
          <label for="org-slug">Slug (optional)</label>
          <input id="org-slug" name="slug" pattern="[a-z0-9][a-z0-9-]{0,63}" />
          <button type="submit">Create organisation</button>
        </form>
        {organizations.length > 0 && (
          <form method="post" action="/console/teams" class="card">
            <h2>New team</h2>
            <CsrfField session={session} />
            <OrganizationSelect id="team-org" organizations={organizations} />
            <label for="team-name">Name</label>
            <input id="team-name" name="name" required maxlength={200} />
            <button type="submit">Create team</button>
          </form>
        )}
        {organizations.length > 0 && (
          <form method="post" action="/console/projects" class="card">
            <h2>New project</h2>
            <CsrfField session={session} />
            <OrganizationSelect id="project-org" organizations={organizations} />
            <label for="project-team">Team (optional)</label>
            <select id="project-team" name="team_id">
              <option value="">No team</option>
              {teams.map((team) => (
                <option value={team.id}>{team.name}</option>
              ))}
            </select>
            <label for="project-name">Name</label>
            <input id="project-name" name="name" required maxlength={200} />
            <button type="submit">Create project</button>
          </form>
        )}
      </div>
    </Layout>
  )
}

function OrganizationSelect(props: { id: string; organizations: Organization[] }) {
  return (
    <>
      <label for={props.id}>Organisation</label>
      <select id={props.id} name="organization_id" required>
        {props.organizations.map((org) => (
          <option value={org.id}>{org.name}</option>
        ))}
      </select>
    </>
  )
}

/**
 * Adds `/projects` (GET) and the create routes for organisations, teams and projects.
 *
 * @example
 * addProjectsPage(guarded, deps)
 */
export function addProjectsPage(routes: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  routes.get('/projects', async (c) =>
    c.html(<ProjectsView {...(await readTenancy(deps, c))} session={c.get('session')} />),
  )
  routes.post('/organizations', async (c) => {
    const form = await c.req.parseBody()
    const slug = field(form, 'slug')
    const body = { name: field(form, 'name'), ...(slug === '' ? {} : { slug }) }
    return changeAdmin(
      deps,
      c,
      'POST',
      '/organizations',
      body,
      `Organisation ${body.name} created.`,
      '/console/projects',
    )
  })
  routes.post('/teams', async (c) => {
    const form = await c.req.parseBody()
    const body = { organization_id: field(form, 'organization_id'), name: field(form, 'name') }
    return changeAdmin(deps, c, 'POST', '/teams', body, `Team ${body.name} created.`, '/console/projects')
  })
  routes.post('/projects', async (c) => {
    const form = await c.req.parseBody()
    const teamId = field(form, 'team_id')
    const body = {
      organization_id: field(form, 'organization_id'),
      name: field(form, 'name'),
      ...(teamId === '' ? {} : { team_id: teamId }),
    }
    return changeAdmin(
      deps,
      c,
      'POST',
      '/projects',
      body,
      `Project ${body.name} created.`,
      '/console/projects',
    )
  })
}
