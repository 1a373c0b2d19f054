// View of the guardrails page: each guardrail with its settings and attachments, and the create/attach forms.
import { builtInEvaluators } from '@gw/guardrails'
import { CsrfField, EmptyState, Layout } from './layout.js'
import type { Organization } from './projects-page.js'
import type { ConsoleSession } from './session-store.js'

/** The admin API's guardrail with its attachments. */
export interface GuardrailWithAttachments {
  id: string
  organization_id: string
  name: string
  evaluator: string
  directions: string[]
  failure_mode: string
  settings: Record<string, unknown>
  attachments: { project_id: string | null; virtual_key_id: string | null; directions: string[] }[]
}

/** A project or key a guardrail can be attached to. */
export interface AttachTarget {
  value: string
  label: string
}

const stages = ['pre', 'post', 'stream_chunk'] as const

function Directions(props: { idPrefix: string; checked?: string[] }) {
  return (
    <fieldset>
      <legend>Directions</legend>
      {stages.map((stage) => (
        <label for={`${props.idPrefix}-${stage}`}>
          <input
            id={`${props.idPrefix}-${stage}`}
            type="checkbox"
            name="directions"
            value={stage}
            checked={props.checked?.includes(stage) ?? false}
          />{' '}
          {stage}
        </label>
      ))}
    </fieldset>
  )
}

function GuardrailCard(props: {
  session: ConsoleSession
  guardrail: GuardrailWithAttachments
  targets: AttachTarget[]
}) {
  const { session, guardrail, targets } = props
  const label = (value: string) => targets.find((target) => target.value === value)?.label ?? value
  return (
    <section class="card" aria-labelledby={`guardrail-${guardrail.id}`}>
      <h2 id={`guardrail-${guardrail.id}`}>{guardrail.name}</h2>
      <p>
        {guardrail.evaluator} · {guardrail.directions.join(', ')} · {guardrail.failure_mode}
      </p>
      <pre tabindex={0}>{JSON.stringify(guardrail.settings, null, 2)}</pre>
      <h3>Attachments</h3>
      {guardrail.attachments.length === 0 ? (
        <EmptyState>
          Not attached: it checks nothing until you attach it to a project or a key below.
        </EmptyState>
      ) : (
        <ul>
          {guardrail.attachments.map((attachment) => {
            const target = attachment.project_id
              ? `project:${attachment.project_id}`
              : `virtual_key:${attachment.virtual_key_id}`
            return (
              <li class="actions">
                {label(target)} ({attachment.directions.join(', ')})
                <form method="post" action={`/console/guardrails/${guardrail.id}/detach`}>
                  <CsrfField session={session} />
                  <input type="hidden" name="target" value={target} />
                  <button type="submit" class="secondary">
                    Detach from {label(target)}
                  </button>
                </form>
              </li>
            )
          })}
        </ul>
      )}
      {targets.length > 0 && (
        <form method="post" action={`/console/guardrails/${guardrail.id}/attach`} class="actions">
          <CsrfField session={session} />
          <div>
            <label for={`attach-${guardrail.id}`}>Attach to</label>
            <select id={`attach-${guardrail.id}`} name="target">
              {targets.map((target) => (
                <option value={target.value}>{target.label}</option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">
            Attach {guardrail.name}
          </button>
        </form>
      )}
      <form
        method="post"
        action={`/console/guardrails/${guardrail.id}/delete`}
        data-confirm={`Delete ${guardrail.name} and its attachments?`}
      >
        <CsrfField session={session} />
        <button type="submit" class="danger">
          Delete {guardrail.name}
        </button>
      </form>
    </section>
  )
}

/** The guardrails page. */
export function GuardrailsView(props: {
  session: ConsoleSession
  organizations: Organization[]
  guardrails: GuardrailWithAttachments[]
  targets: AttachTarget[]
}) {
  const { session, organizations, guardrails, targets } = props
  return (
    <Layout title="Guardrails" session={session} active="guardrails">
      {guardrails.length === 0 ? (
        <EmptyState>No guardrail yet. Create one below, then attach it to a project or a key.</EmptyState>
      ) : (
        guardrails.map((guardrail) => (
          <GuardrailCard session={session} guardrail={guardrail} targets={targets} />
        ))
      )}
      {organizations.length > 0 && (
        <form method="post" action="/console/guardrails" class="card">
          <h2>New guardrail</h2>
          <CsrfField session={session} />
          <label for="guardrail-org">Organisation</label>
          <select id="guardrail-org" name="organization_id">
            {organizations.map((org) => (
              <option value={org.id}>{org.name}</option>
            ))}
          </select>
          <label for="guardrail-name">Name</label>
          <input id="guardrail-name" name="name" required maxlength={200} />
          <label for="guardrail-evaluator">Evaluator</label>
          <select id="guardrail-evaluator" name="evaluator">
            {builtInEvaluators.map((evaluator) => (
              <option value={evaluator}>{evaluator}</option>
            ))}
          </select>
          <Directions idPrefix="new-guardrail" checked={['pre']} />
          <label for="guardrail-failure">When the check itself fails</label>
          <select id="guardrail-failure" name="failure_mode">
            <option value="fail_closed">fail_closed (refuse the request)</option>
            <option value="fail_open">fail_open (let it through)</option>
          </select>
          <label for="guardrail-settings">Settings (JSON)</label>
          <textarea id="guardrail-settings" name="settings" aria-describedby="guardrail-settings-hint">
            {'{}'}
          </textarea>
          <p id="guardrail-settings-hint" class="hint">
            regex: {'{"patterns": ["secret-\\\\d+"]}'}; pii: {'{"types": ["email"]}'}. The admin API names any
            setting the evaluator cannot run with.
          </p>
          <button type="submit">Create guardrail</button>
        </form>
      )}
    </Layout>
  )
}
