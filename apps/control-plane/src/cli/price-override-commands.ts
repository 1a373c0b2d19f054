// CLI command for a provider credential's price overrides: `gw-cp provider prices <id> --set …`.
import type { Command, Flags } from './commands.js'
import { UsageError } from './commands.js'
import { formatTable } from './format-table.js'

const USAGE =
  'provider prices <provider-id> --set <model>=<input-usd>:<output-usd>[,…] | --set none   (USD per million tokens)'

const usdPerMillion = (text: string, what: string): number => {
  const amount = Number(text)
  if (text.trim() === '' || !Number.isFinite(amount) || amount < 0)
    throw new UsageError(`${what} must be a number of USD per million tokens, at least 0`)
  // Micro-USD per million tokens, whole: $2.50 → 2,500,000.
  return Math.round(amount * 1_000_000)
}

/**
 * Parses `--set gpt-4o=2.5:10,gpt-4o-mini=0.15:0.6` into the admin API's `price_overrides`
 * (micro-USD per million tokens); `none` clears them.
 *
 * @example
 * parsePriceFlag({ set: 'gpt-4o=2.5:10' }) // { 'gpt-4o': { input_micro_usd_per_million: 2500000, … } }
 */
export function parsePriceFlag(flags: Flags): Record<string, Record<string, number>> | null {
  const value = flags.set
  if (value === undefined || value.trim() === '') throw new UsageError('--set is required')
  if (value.trim() === 'none') return null
  const overrides: Record<string, Record<string, number>> = {}
  for (const entry of value.split(',')) {
    const match = /^\s*([^=\s]+)\s*=\s*([^:]+):(.+)$/.exec(entry)
    if (match === null) throw new UsageError(`--set entry "${entry.trim()}" must be <model>=<input>:<output>`)
    const [, model, input, output] = match as unknown as [string, string, string, string]
    overrides[model] = {
      input_micro_usd_per_million: usdPerMillion(input, `input price of "${model}"`),
      output_micro_usd_per_million: usdPerMillion(output, `output price of "${model}"`),
    }
  }
  return overrides
}

/** `gw-cp provider prices`. */
export const priceOverrideCommands: Readonly<Record<string, Command>> = {
  'provider prices': {
    usage: USAGE,
    run: async (client, args, flags) => {
      const id = args[0]
      if (id === undefined) throw new UsageError('<provider-id> is required')
      const answer = await client.request<Record<string, unknown>>('PATCH', `/provider-credentials/${id}`, {
        price_overrides: parsePriceFlag(flags),
      })
      const overrides = (answer.price_overrides ?? {}) as Record<string, Record<string, number>>
      const rows = Object.entries(overrides).map(([model, price]) => ({
        model,
        input_usd_per_million: (price.input_micro_usd_per_million ?? 0) / 1_000_000,
        output_usd_per_million: (price.output_micro_usd_per_million ?? 0) / 1_000_000,
      }))
      return {
        json: answer,
        human:
          rows.length === 0
            ? `${id}: catalogue prices`
            : formatTable(rows, ['model', 'input_usd_per_million', 'output_usd_per_million']),
      }
    },
  },
}
