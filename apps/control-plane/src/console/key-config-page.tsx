// A key's config: models allowed, aliases, fallback chain, rate limits, policy rules (regexes checked as you type).
import type { Hono } from 'hono'
import { changeAdmin, readAdmin } from './admin-pages.js'
import type { ConsoleDeps, ConsoleEnv } from './console-env.js'
import { type KeyConfig, policyDimensions, readKeyConfigForm } from './key-config-form.js'
import type { VirtualKey } from './keys-view.js'
import { CsrfField, Layout } from './layout.js'
import type { ProviderCredential } from './providers-page.js'
import type { ConsoleSession } from './session-store.js'

function RegexLines(props: { id: string; label: string; value: string[] | null | undefined }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} name={props.id} data-regex-lines="" aria-describedby={`${props.id}-error`}>
        {(props.value ?? []).join('\n')}
      </textarea>
      <p id={`${props.id}-error`} class="field-error" aria-live="polite" />
    </>
  )
}

function KeyConfigView(props: {
  session: ConsoleSession
  virtualKey: VirtualKey
  providers: ProviderCredential[]
}) {
  const { session, virtualKey: key, providers } = props
  const config = key.config as KeyConfig
  const nameOf = (id: string) => providers.find((provider) => provider.id === id)?.name ?? id
  const rate = config.rate_limits ?? { rpm: null, rpd: null, tpm: null }
  return (
    <Layout title={`Configure ${key.name}`} session={session} active="keys">
      <form method="post" action={`/console/keys/${key.id}/config`} class="card">
        <CsrfField session={session} />
        <h2>Models</h2>
        <label for="models_allowed">Models allowed, one a line (empty: every model)</label>
        <textarea id="models_allowed" name="models_allowed">
          {(config.models_allowed ?? []).join('\n')}
        </textarea>
        <label for="model_aliases">Aliases, one alias=model a line</label>
        <textarea id="model_aliases" name="model_aliases">
          {Object.entries(config.model_aliases ?? {})
            .map(([alias, target]) => `${alias}=${target}`)
            .join('\n')}
        </textarea>
        <h2>Fallback</h2>
        <label for="fallback_chain">Provider chain, one provider name a line, in order</label>
        <textarea id="fallback_chain" name="fallback_chain" aria-describedby="fallback-hint">
          {(config.fallback?.chain ?? []).map(nameOf).join('\n')}
        </textarea>
        <p id="fallback-hint" class="hint">
          This project's providers: {providers.map((provider) => provider.name).join(', ') || 'none yet'}.
        </p>
        <label for="max_attempts">Max attempts (empty: the whole chain)</label>
        <input
          id="max_attempts"
          name="max_attempts"
          type="number"
          min={1}
          max={20}
          value={String(config.fallback?.max_attempts ?? '')}
        />
        <h2>Rate limits (empty: none)</h2>
        {(['rpm', 'rpd', 'tpm'] as const).map((name) => (
          <>
            <label for={name}>
              {{ rpm: 'Requests per minute', rpd: 'Requests per day', tpm: 'Tokens per minute' }[name]}
            </label>
            <input id={name} name={name} type="number" min={1} value={String(rate[name] ?? '')} />
          </>
        ))}
        <h2>Policy rules (regular expressions, one a line)</h2>
        {policyDimensions.map((dimension) => (
          <fieldset>
            <legend>{dimension}</legend>
            <RegexLines
              id={`${dimension}_deny`}
              label={`${dimension}: deny`}
              value={config.policy_rules?.[dimension]?.deny}
            />
            <RegexLines
              id={`${dimension}_allow`}
              label={`${dimension}: allow only (empty: allow all)`}
              value={config.policy_rules?.[dimension]?.allow}
            />
          </fieldset>
        ))}
        <button type="submit">Save config of {key.name}</button>
      </form>
      <p>
        <a href="/console/keys">Back to virtual keys</a>
      </p>
    </Layout>
  )
}

/**
 * Adds `/keys/:id/config` (GET the form, POST a `PATCH /api/admin/virtual-keys/:id` with `config`).
 *
 * @example
 * addKeyConfigPage(guarded, deps)
 */
export function addKeyConfigPage(routes: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  const load = async (c: Parameters<typeof readAdmin>[1], id: string) => {
    const key = await readAdmin<VirtualKey>(deps, c, `/virtual-keys/${encodeURIComponent(id)}`)
    const providers = await readAdmin<{ data: ProviderCredential[] }>(
      deps,
      c,
      `/provider-credentials?${new URLSearchParams({ project_id: key.project_id })}`,
    )
    return { key, providers: providers.data }
  }
  routes.get('/keys/:id/config', async (c) => {
    const { key, providers } = await load(c, c.req.param('id'))
    return c.html(<KeyConfigView session={c.get('session')} virtualKey={key} providers={providers} />)
  })
  routes.post('/keys/:id/config', async (c) => {
    const id = c.req.param('id')
    const { providers } = await load(c, id)
    const config = readKeyConfigForm(await c.req.parseBody(), new Map(providers.map((p) => [p.name, p.id])))
    const back = `/console/keys/${encodeURIComponent(id)}/config`
    return changeAdmin(
      deps,
      c,
      'PATCH',
      `/virtual-keys/${encodeURIComponent(id)}`,
      { config },
      'Config saved.',
      back,
    )
  })
}
