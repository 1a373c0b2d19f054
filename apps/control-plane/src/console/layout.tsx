// The console's page frame: skip link, navigation, sign-out form, flash message and the one client script.
import type { Child } from 'hono/jsx'
import type { ConsoleSession } from './session-store.js'

const sections = [
  ['projects', 'Projects'],
  ['providers', 'Provider credentials'],
  ['keys', 'Virtual keys'],
  ['budgets', 'Budgets'],
  ['spend', 'Spend'],
  ['guardrails', 'Guardrails'],
  ['activity', 'Activity'],
] as const

/** A section of the navigation. */
export type ConsoleSection = (typeof sections)[number][0]

/** Props of {@link Layout}. */
export interface LayoutProps {
  title: string
  /** Absent on the sign-in page. */
  session?: ConsoleSession | undefined
  active?: ConsoleSection
  /** Extra scripts served under /console/assets (the chart library). */
  scripts?: string[]
  styles?: string[]
  children?: Child
}

/**
 * Renders a full console page.
 *
 * @example
 * c.html(<Layout title="Projects" session={session} active="projects">…</Layout>)
 */
export function Layout(props: LayoutProps) {
  const flash = props.session?.flash
  if (props.session !== undefined) props.session.flash = undefined
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Gateway console`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
        <script src="/console/assets/console.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header>
          <span class="brand">Gateway console</span>
          {props.session && (
            <nav aria-label="Sections">
              <ul>
                {sections.map(([path, label]) => (
                  <li>
                    <a href={`/console/${path}`} aria-current={props.active === path ? 'page' : undefined}>
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {props.session && (
            <form method="post" action="/console/sign-out" class="sign-out">
              <CsrfField session={props.session} />
              <button type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {flash && (
            <p class={`flash ${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
              {flash.text}
            </p>
          )}
          {props.children}
          <p id="live-status" class="visually-hidden" aria-live="polite" />
        </main>
      </body>
    </html>
  )
}

/** The hidden CSRF field every console form carries. */
export function CsrfField(props: { session: ConsoleSession }) {
  return <input type="hidden" name="_csrf" value={props.session.csrf} />
}

/** What to do next when a list is empty. */
export function EmptyState(props: { children?: Child }) {
  return <p class="empty">{props.children}</p>
}
