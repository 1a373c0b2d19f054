// A budget's warn threshold on the budgets page: its text beside the bar, its edit form, and the form field's parse.
import { CsrfField } from './layout.js'
import type { ConsoleSession } from './session-store.js'

/**
 * The `warn_ratio` of a "Warns at (% of limit)" field: empty → null (the gateway's default),
 * a number → percent / 100; anything else is passed through for the admin API to refuse.
 *
 * @example
 * warnRatioOfPercent('90') // 0.9
 * warnRatioOfPercent('') // null
 */
export function warnRatioOfPercent(text: string): number | string | null {
  if (text === '') return null
  const percent = Number(text)
  return Number.isFinite(percent) ? percent / 100 : text
}

const percentOf = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`

/**
 * "warns at 90%" (the budget's own ratio) or "warns at the gateway default", and whether the
 * spend has reached the budget's own threshold.
 *
 * @example
 * <WarnThreshold warnRatio={0.9} share={0.95} />
 */
export function WarnThreshold(props: { warnRatio: number | null | undefined; share: number }) {
  const ratio = props.warnRatio ?? null
  if (ratio === null) {
    return <div class="muted">warns at the gateway default (GATEWAY_BUDGET_WARN_RATIO, 80% unless set)</div>
  }
  const reached = props.share >= ratio && props.share < 1
  return (
    <div class={reached ? 'near' : 'muted'}>
      warns at {percentOf(ratio)}
      {reached && ': past the warn threshold, responses carry X-LangWatch-Budget-Warning'}
    </div>
  )
}

/**
 * The per-row form that sets (or clears, left empty) a budget's warn threshold.
 *
 * @example
 * <WarnRatioForm session={session} budgetId="bud_1" warnRatio={0.9} />
 */
export function WarnRatioForm(props: {
  session: ConsoleSession
  budgetId: string
  warnRatio: number | null | undefined
}) {
  const id = `warn-${props.budgetId}`
  const ratio = props.warnRatio ?? null
  return (
    <form method="post" action={`/console/budgets/${props.budgetId}/warn`}>
      <CsrfField session={props.session} />
      <label for={id}>Warns at % (empty: gateway default)</label>
      <input
        id={id}
        name="warn_percent"
        type="number"
        min={1}
        max={100}
        step="any"
        value={ratio === null ? '' : String(Math.round(ratio * 1000) / 10)}
      />
      <button type="submit" class="secondary">
        Save warn threshold
      </button>
    </form>
  )
}
