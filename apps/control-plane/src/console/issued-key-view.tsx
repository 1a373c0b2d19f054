// The page shown once after minting or rotating a key: the key, a copy button and the exact env lines.
import { Layout } from './layout.js'
import type { ConsoleSession } from './session-store.js'

/** Props of {@link IssuedKeyView}. */
export interface IssuedKeyViewProps {
  session: ConsoleSession
  title: string
  keyName: string
  secret: string
  gatewayUrl: string
  /** A sentence about the replaced secret (rotation). */
  note?: string
}

/**
 * Renders the full key once; the answer is `no-store`, and the key is never put in the session or a URL.
 *
 * @example
 * c.html(<IssuedKeyView session={s} title="Key created" keyName="ci" secret={key} gatewayUrl={url} />)
 */
export function IssuedKeyView(props: IssuedKeyViewProps) {
  const envLines = [
    `OPENAI_BASE_URL=${props.gatewayUrl}/v1`,
    `OPENAI_API_KEY=${props.secret}`,
    `ANTHROPIC_BASE_URL=${props.gatewayUrl}`,
    `ANTHROPIC_AUTH_TOKEN=${props.secret}`,
  ].join('\n')
  return (
    <Layout title={props.title} session={props.session} active="keys">
      <section class="card" aria-labelledby="issued-key-heading">
        <h2 id="issued-key-heading">The key for {props.keyName}</h2>
        <p role="status">
          <strong>Copy it now: it is shown only once.</strong> The control plane keeps only a digest.
        </p>
        <p>
          <code id="issued-key" class="secret">
            {props.secret}
          </code>
        </p>
        <button type="button" data-copy-target="issued-key" hidden>
          Copy key
        </button>
        {props.note && <p>{props.note}</p>}
        <h3 id="env-heading">Use it with an OpenAI or Anthropic client</h3>
        <pre id="env-lines" tabindex={0}>
          {envLines}
        </pre>
        <button type="button" data-copy-target="env-lines" hidden>
          Copy the environment lines
        </button>
        <p>
          <a href="/console/keys">Back to virtual keys</a>
        </p>
      </section>
    </Layout>
  )
}
