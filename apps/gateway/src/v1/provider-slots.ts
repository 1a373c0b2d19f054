// The key config's provider slots as routing reads them: an empty `models` list means "no list".
import type { ProviderSlot } from '@gw/contract'

/**
 * The control plane sends `models: []` for a credential created without a model list, while
 * routing reads any list as exhaustive: a bare fallback entry would find no model to call and
 * the models list would come out empty. An empty list is therefore dropped (the provider then
 * serves its catalogue family, as documented for credentials without `models`).
 *
 * @example
 * withoutEmptyModelLists([{ id: 'p1', type: 'openai', credentials: {}, models: [] }])
 * // → [{ id: 'p1', type: 'openai', credentials: {}, models: null }]
 */
export function withoutEmptyModelLists(slots: readonly ProviderSlot[]): ProviderSlot[] {
  return slots.map((slot) => (slot.models?.length === 0 ? { ...slot, models: null } : slot))
}
